using ChatClean.Domain.Conversations;

namespace ChatClean.Domain.UnitTests.Conversations;

public sealed class Releasing_to_the_ai : ConversationSpec
{
    [Fact]
    public void The_holding_agent_hands_back_to_the_ai()
    {
        var events = Given(Started(), Requested(), TookOver(AgentA)).When(new Release(AgentA, At(40)));

        events.ShouldBe([new ConversationReleased(Id.Value, AgentA.Value, At(40))]);
        var state = ConversationDecider.Fold([Started(), Requested(), TookOver(AgentA), .. events]);
        state.Mode.ShouldBe(ConversationMode.Ai);
        state.AgentId.ShouldBeNull();
    }

    [Fact]
    public void Another_agent_cannot_release_it() =>
        Given(Started(), Requested(), TookOver(AgentA)).Fails(new Release(AgentB, At(40))).Code.ShouldBe("conversation.not_assigned_agent");

    [Fact]
    public void Releasing_again_after_the_release_changes_nothing() =>
        Given(Started(), TookOver(AgentA, null), new ConversationReleased(Id.Value, AgentA.Value, At(40))).Decides(new Release(AgentA, At(41))).ShouldBeOfType<Decision.Repeat>();

    [Fact]
    public void A_waiting_conversation_has_nothing_to_release() =>
        Given(Started(), Requested()).Fails(new Release(AgentA, At(40))).Code.ShouldBe("conversation.not_in_human_mode");

    [Fact]
    public void A_closed_conversation_cannot_be_released() =>
        Given(Started(), TookOver(AgentA, null), ClosedBy(Actor.Agent(AgentA))).Fails(new Release(AgentA, At(99))).Code.ShouldBe("conversation.closed");
}

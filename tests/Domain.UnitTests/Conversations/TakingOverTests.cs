using ChatClean.Domain.Conversations;

namespace ChatClean.Domain.UnitTests.Conversations;

public sealed class Taking_over : ConversationSpec
{
    [Fact]
    public void A_waiting_conversation_goes_to_the_agent_and_ends_the_episode()
    {
        var events = Given(Started(), Requested()).When(new TakeOver(AgentA, At(20)));

        events.ShouldBe([TookOver(AgentA)]);
        var state = ConversationDecider.Fold([Started(), Requested(), .. events]);
        state.Mode.ShouldBe(ConversationMode.Human);
        state.AgentId.ShouldBe(AgentA);
    }

    [Fact]
    public void An_agent_may_take_a_conversation_straight_from_the_ai() =>
        Given(Started()).When(new TakeOver(AgentA, At(20))).ShouldBe([TookOver(AgentA, episode: null)]);

    [Fact]
    public void The_same_agent_taking_over_again_changes_nothing() =>
        Given(Started(), Requested(), TookOver(AgentA)).Decides(new TakeOver(AgentA, At(21))).ShouldBeOfType<Decision.Repeat>();

    [Fact]
    public void A_second_agent_is_refused_once_the_first_holds_it() =>
        Given(Started(), Requested(), TookOver(AgentA)).Fails(new TakeOver(AgentB, At(21))).Code.ShouldBe("conversation.already_taken");

    [Fact]
    public void A_closed_conversation_cannot_be_taken() =>
        Given(Started(), ClosedBy(Actor.Customer(Customer))).Fails(new TakeOver(AgentA, At(95))).Code.ShouldBe("conversation.closed");
}

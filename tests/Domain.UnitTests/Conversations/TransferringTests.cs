using ChatClean.Domain.Common;
using ChatClean.Domain.Conversations;

namespace ChatClean.Domain.UnitTests.Conversations;

public sealed class Transferring : ConversationSpec
{
    [Fact]
    public void The_holding_agent_hands_the_conversation_to_another_agent()
    {
        var events = Given(Started(), Requested(), TookOver(AgentA)).When(new Transfer(Actor.Agent(AgentA), AgentB, At(40)));

        events.ShouldBe([new AgentTransferred(Id.Value, AgentA.Value, AgentB.Value, AgentA.Value, At(40))]);
        ConversationDecider.Fold([Started(), Requested(), TookOver(AgentA), .. events]).AgentId.ShouldBe(AgentB);
    }

    [Fact]
    public void An_admin_may_transfer_it() =>
        Given(Started(), TookOver(AgentA, null)).When(new Transfer(Actor.Admin(AdminUser), AgentB, At(40)))
            .ShouldBe([new AgentTransferred(Id.Value, AgentA.Value, AgentB.Value, AdminUser.Value, At(40))]);

    [Fact]
    public void Repeating_a_done_transfer_changes_nothing() =>
        Given(Started(), TookOver(AgentA, null), new AgentTransferred(Id.Value, AgentA.Value, AgentB.Value, AgentA.Value, At(40)))
            .Decides(new Transfer(Actor.Agent(AgentA), AgentB, At(41))).ShouldBeOfType<Decision.Repeat>();

    [Fact]
    public void An_agent_who_does_not_hold_it_cannot_transfer_it_to_themselves() =>
        Given(Started(), TookOver(AgentA, null)).Fails(new Transfer(Actor.Agent(AgentB), AgentB, At(40))).Code.ShouldBe("conversation.not_assigned_agent");

    [Fact]
    public void A_bystander_agent_cannot_move_it_to_a_third_agent() =>
        Given(Started(), TookOver(AgentA, null)).Fails(new Transfer(Actor.Agent(AgentB), new UserId(Guid.NewGuid()), At(40)))
            .Code.ShouldBe("conversation.not_assigned_agent");

    [Fact]
    public void Transferring_to_oneself_is_refused() =>
        Given(Started(), TookOver(AgentA, null)).Fails(new Transfer(Actor.Agent(AgentA), AgentA, At(40))).Code.ShouldBe("conversation.transfer_to_self");

    [Fact]
    public void Only_a_human_session_can_be_transferred() =>
        Given(Started(), Requested()).Fails(new Transfer(Actor.Admin(AdminUser), AgentB, At(40))).Code.ShouldBe("conversation.not_in_human_mode");

    [Fact]
    public void A_closed_conversation_cannot_be_transferred() =>
        Given(Started(), TookOver(AgentA, null), ClosedBy(Actor.Agent(AgentA))).Fails(new Transfer(Actor.Agent(AgentA), AgentB, At(99)))
            .Code.ShouldBe("conversation.closed");
}

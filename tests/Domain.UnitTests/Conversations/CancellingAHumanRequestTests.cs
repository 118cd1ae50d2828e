using ChatClean.Domain.Conversations;

namespace ChatClean.Domain.UnitTests.Conversations;

public sealed class Cancelling_a_human_request : ConversationSpec
{
    [Fact]
    public void While_waiting_the_conversation_returns_to_the_ai() =>
        Given(Started(), Requested()).When(new CancelHumanRequest(Actor.Customer(Customer), At(15)))
            .ShouldBe([new HumanRequestCancelled(Id.Value, 1, At(15))]);

    [Fact]
    public void When_nothing_is_waiting_any_more_it_changes_nothing() =>
        Given(Started(), Requested(), new TimedOutToAi(Id.Value, 1, At(70))).Decides(new CancelHumanRequest(Actor.Customer(Customer), At(71))).ShouldBeOfType<Decision.Repeat>();

    [Fact]
    public void After_an_agent_took_over_it_is_refused() =>
        Given(Started(), Requested(), TookOver(AgentA)).Fails(new CancelHumanRequest(Actor.Customer(Customer), At(30)))
            .Code.ShouldBe("conversation.not_waiting");

    [Fact]
    public void A_closed_conversation_cannot_cancel() =>
        Given(Started(), ClosedBy(Actor.Customer(Customer))).Fails(new CancelHumanRequest(Actor.Customer(Customer), At(95)))
            .Code.ShouldBe("conversation.closed");
}

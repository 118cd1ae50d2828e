using ChatClean.Domain.Conversations;

namespace ChatClean.Domain.UnitTests.Conversations;

public sealed class Requesting_a_human : ConversationSpec
{
    [Fact]
    public void From_ai_mode_the_conversation_waits_in_episode_1() =>
        Given(Started()).When(new RequestHuman(HandoffReason.CustomerAsked, Actor.Customer(Customer), At(10))).ShouldBe([Requested()]);

    [Fact]
    public void Each_new_request_opens_the_next_episode()
    {
        var events = Given(Started(), Requested(), new TimedOutToAi(Id.Value, 1, At(70)))
            .When(new RequestHuman(HandoffReason.Keyword, Actor.Ai, At(80)));

        events.ShouldBe([new HumanRequested(Id.Value, 2, HandoffReason.Keyword, ActorKind.Ai, null, At(80))]);
    }

    [Fact]
    public void A_second_request_while_waiting_changes_nothing() =>
        Given(Started(), Requested()).Decides(new RequestHuman(HandoffReason.CustomerAsked, Actor.Customer(Customer), At(15))).ShouldBeOfType<Decision.Settled>();

    [Fact]
    public void A_request_while_an_agent_holds_it_changes_nothing() =>
        Given(Started(), Requested(), TookOver(AgentA)).Decides(new RequestHuman(HandoffReason.CustomerAsked, Actor.Customer(Customer), At(30))).ShouldBeOfType<Decision.Settled>();

    [Fact]
    public void A_closed_conversation_cannot_ask_for_a_human() =>
        Given(Started(), ClosedBy(Actor.Customer(Customer))).Fails(new RequestHuman(HandoffReason.CustomerAsked, Actor.Customer(Customer), At(95)))
            .Code.ShouldBe("conversation.closed");
}

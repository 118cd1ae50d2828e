using ChatClean.Domain.Conversations;

namespace ChatClean.Domain.UnitTests.Conversations;

public sealed class Closing : ConversationSpec
{
    [Fact]
    public void The_customer_closes_a_conversation_in_ai_mode() =>
        Given(Started()).When(new Close(Actor.Customer(Customer), At(90))).ShouldBe([ClosedBy(Actor.Customer(Customer))]);

    [Fact]
    public void Closing_while_waiting_ends_the_episode_as_closed_while_waiting() =>
        Given(Started(), Requested()).When(new Close(Actor.Admin(AdminUser), At(90))).ShouldBe([ClosedBy(Actor.Admin(AdminUser), episode: 1)]);

    [Fact]
    public void The_holding_agent_closes_a_human_session() =>
        Given(Started(), TookOver(AgentA, null)).When(new Close(Actor.Agent(AgentA), At(90))).ShouldBe([ClosedBy(Actor.Agent(AgentA))]);

    [Fact]
    public void Another_agent_cannot_close_a_session_someone_else_holds() =>
        Given(Started(), TookOver(AgentA, null)).Fails(new Close(Actor.Agent(AgentB), At(90))).Code.ShouldBe("conversation.not_assigned_agent");

    [Fact]
    public void Closing_a_closed_conversation_is_a_repeat() =>
        Given(Started(), ClosedBy(Actor.Customer(Customer))).Decides(new Close(Actor.Admin(AdminUser), At(95))).ShouldBeOfType<Decision.Repeat>();
}

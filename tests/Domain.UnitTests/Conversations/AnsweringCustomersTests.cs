using ChatClean.Domain.Conversations;

namespace ChatClean.Domain.UnitTests.Conversations;

public sealed class Answering_customers : ConversationSpec
{
    private static readonly Guid ReplyId = Guid.Parse("0196a000-0000-7000-8000-0000000000e1");

    private static MessagePosted Asked(int at = 5) => new(Id.Value, Guid.NewGuid(), SenderKind.Customer, Customer.Value, "Where is my parcel?", "c-1", At(at));

    [Fact]
    public void The_answer_is_posted_under_the_key_of_the_message_it_answers() =>
        Given(Started(), Asked()).When(new AnswerCustomer(2, ReplyId, MessageBody.Create("Tomorrow."), null, At(6)))
            .ShouldBe([new MessagePosted(Id.Value, ReplyId, SenderKind.Ai, null, "Tomorrow.", "ai-reply:2", At(6))]);

    [Fact]
    public void An_answer_that_asks_for_a_person_requests_one_in_the_same_append() =>
        Given(Started(), Asked()).When(new AnswerCustomer(2, ReplyId, MessageBody.Create("Let me find someone."), HandoffReason.AiLowConfidence, At(6)))
            .ShouldBe(
            [
                new MessagePosted(Id.Value, ReplyId, SenderKind.Ai, null, "Let me find someone.", "ai-reply:2", At(6)),
                new HumanRequested(Id.Value, 1, HandoffReason.AiLowConfidence, ActorKind.Ai, null, At(6)),
            ]);

    [Fact]
    public void The_notice_that_the_AI_cannot_answer_is_a_system_message_with_its_own_key() =>
        Given(Started(), Asked()).When(new AnswerCustomer(2, ReplyId, MessageBody.Create("Sorry."), HandoffReason.AiFailed, At(6), AsSystemNotice: true))
            .ShouldBe(
            [
                new MessagePosted(Id.Value, ReplyId, SenderKind.System, null, "Sorry.", "ai-failed:2", At(6)),
                new HumanRequested(Id.Value, 1, HandoffReason.AiFailed, ActorKind.Ai, null, At(6)),
            ]);

    [Fact]
    public void A_message_already_answered_is_answered_with_the_seq_of_the_answer()
    {
        var answer = new MessagePosted(Id.Value, ReplyId, SenderKind.Ai, null, "Tomorrow.", "ai-reply:2", At(6));

        Given(Started(), Asked(), answer, ClosedBy(Actor.Customer(Customer)))
            .Decides(new AnswerCustomer(2, Guid.NewGuid(), MessageBody.Create("Tomorrow, again."), HandoffReason.AiLowConfidence, At(7)))
            .ShouldBe(new Decision.AlreadyPosted(3));
    }

    [Fact]
    public void An_answer_that_finishes_after_the_AI_lost_the_conversation_is_dropped_whole()
    {
        foreach (var history in new IConversationEvent[][] { [Started(), Asked(), Requested()], [Started(), Asked(), TookOver(AgentA, null)], [Started(), Asked(), ClosedBy(Actor.Customer(Customer))] })
        {
            Given(history).Decides(new AnswerCustomer(2, ReplyId, MessageBody.Create("Too late."), HandoffReason.AiLowConfidence, At(30)))
                .ShouldBeOfType<Decision.Dropped>();
        }
    }

    [Fact]
    public void The_state_counts_its_events_and_remembers_where_each_client_message_is()
    {
        var state = Given(Started(), Asked(), Requested(at: 7)).State;

        state.Version.ShouldBe(3);
        state.ClientMessages.ShouldBe(new Dictionary<ClientMessageKey, long> { [new(SenderKind.Customer, Customer.Value, "c-1")] = 2 });
    }
}

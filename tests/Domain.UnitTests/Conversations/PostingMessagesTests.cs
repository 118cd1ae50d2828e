using ChatClean.Domain.Common;
using ChatClean.Domain.Conversations;

namespace ChatClean.Domain.UnitTests.Conversations;

public sealed class Posting_messages : ConversationSpec
{
    private static readonly Guid MessageId = Guid.Parse("0196a000-0000-7000-8000-00000000bee1");

    [Fact]
    public void The_customer_posts_in_any_open_mode()
    {
        foreach (var history in new IConversationEvent[][] { [Started()], [Started(), Requested()], [Started(), Requested(), TookOver(AgentA)] })
        {
            Given(history).When(new PostMessage(MessageId, Actor.Customer(Customer), MessageBody.Create("hello"), "c-1", At(50)))
                .ShouldBe([new MessagePosted(Id.Value, MessageId, SenderKind.Customer, Customer.Value, "hello", "c-1", At(50))]);
        }
    }

    [Fact]
    public void A_retry_with_the_same_client_message_id_is_answered_with_the_original_seq()
    {
        var first = new MessagePosted(Id.Value, MessageId, SenderKind.Customer, Customer.Value, "hello", "c-1", At(50));
        var other = new MessagePosted(Id.Value, Guid.NewGuid(), SenderKind.Customer, Customer.Value, "more", "c-2", At(52));

        Given(Started(), first, other).Decides(new PostMessage(Guid.NewGuid(), Actor.Customer(Customer), MessageBody.Create("hello"), "c-1", At(53)))
            .ShouldBe(new Decision.AlreadyPosted(2));
    }

    [Fact]
    public void The_same_client_message_id_from_another_sender_is_a_different_message()
    {
        var customerMessage = new MessagePosted(Id.Value, MessageId, SenderKind.Customer, Customer.Value, "hello", "c-1", At(50));

        Given(Started(), TookOver(AgentA, null), customerMessage)
            .When(new PostMessage(Guid.NewGuid(), Actor.Agent(AgentA), MessageBody.Create("hi"), "c-1", At(51))).Count.ShouldBe(1);
    }

    [Fact]
    public void A_retry_of_a_message_posted_before_the_close_still_answers_as_a_repeat()
    {
        var first = new MessagePosted(Id.Value, MessageId, SenderKind.Customer, Customer.Value, "bye", "c-9", At(50));

        Given(Started(), first, ClosedBy(Actor.Customer(Customer)))
            .Decides(new PostMessage(Guid.NewGuid(), Actor.Customer(Customer), MessageBody.Create("bye"), "c-9", At(95))).ShouldBe(new Decision.AlreadyPosted(2));
    }

    [Fact]
    public void Nobody_posts_into_a_closed_conversation() =>
        Given(Started(), ClosedBy(Actor.Customer(Customer)))
            .Fails(new PostMessage(MessageId, Actor.Customer(Customer), MessageBody.Create("hello?"), null, At(95))).Code.ShouldBe("conversation.closed");

    [Fact]
    public void Only_the_agent_holding_the_conversation_posts_as_agent()
    {
        Given(Started(), Requested(), TookOver(AgentA))
            .When(new PostMessage(MessageId, Actor.Agent(AgentA), MessageBody.Create("How can I help?"), null, At(25))).Count.ShouldBe(1);
        Given(Started(), Requested(), TookOver(AgentA))
            .Fails(new PostMessage(MessageId, Actor.Agent(AgentB), MessageBody.Create("me too"), null, At(25))).Code.ShouldBe("conversation.not_assigned_agent");
        Given(Started(), Requested())
            .Fails(new PostMessage(MessageId, Actor.Agent(AgentA), MessageBody.Create("early"), null, At(15))).Code.ShouldBe("conversation.not_assigned_agent");
    }

    [Fact]
    public void An_ai_reply_lands_in_ai_mode() =>
        Given(Started()).When(new PostMessage(MessageId, Actor.Ai, MessageBody.Create("Here is how…"), null, At(3)))
            .ShouldBe([new MessagePosted(Id.Value, MessageId, SenderKind.Ai, null, "Here is how…", null, At(3))]);

    [Fact]
    public void An_ai_reply_that_finishes_after_a_takeover_is_dropped() =>
        Given(Started(), Requested(), TookOver(AgentA)).Decides(new PostMessage(MessageId, Actor.Ai, MessageBody.Create("late"), null, At(30))).ShouldBeOfType<Decision.Dropped>();

    [Fact]
    public void Admins_do_not_post_messages() =>
        Given(Started()).Fails(new PostMessage(MessageId, Actor.Admin(AdminUser), MessageBody.Create("hi"), null, At(5)))
            .Code.ShouldBe("conversation.actor_not_allowed");

    [Fact]
    public void System_notices_may_be_posted_in_every_open_mode() =>
        Given(Started(), Requested()).When(new PostMessage(MessageId, Actor.System, MessageBody.Create("An agent will be with you shortly."), null, At(11)))
            .Count.ShouldBe(1);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void A_blank_body_is_not_a_message(string? body) =>
        Should.Throw<DomainException>(() => MessageBody.Create(body)).Code.ShouldBe("message.body_empty");

    [Fact]
    public void A_body_over_the_limit_is_refused() =>
        Should.Throw<DomainException>(() => MessageBody.Create(new string('x', MessageBody.MaxLength + 1))).Code.ShouldBe("message.body_too_long");
}

using ChatClean.Domain.Common;
using ChatClean.Domain.Conversations;

namespace ChatClean.Domain.UnitTests.Conversations;

public sealed class Giving_feedback : ConversationSpec
{
    [Fact]
    public void The_customer_rates_a_closed_conversation() =>
        Given(Started(), ClosedBy(Actor.Customer(Customer))).When(new GiveFeedback(Actor.Customer(Customer), CsatRating.Create(5), "great", At(95)))
            .ShouldBe([new FeedbackGiven(Id.Value, 5, "great", At(95))]);

    [Fact]
    public void The_same_feedback_again_is_a_repeat() =>
        Given(Started(), ClosedBy(Actor.Customer(Customer)), new FeedbackGiven(Id.Value, 4, null, At(95)))
            .Decides(new GiveFeedback(Actor.Customer(Customer), CsatRating.Create(4), null, At(96))).ShouldBeOfType<Decision.Repeat>();

    [Fact]
    public void Different_feedback_after_the_first_is_refused() =>
        Given(Started(), ClosedBy(Actor.Customer(Customer)), new FeedbackGiven(Id.Value, 4, null, At(95)))
            .Fails(new GiveFeedback(Actor.Customer(Customer), CsatRating.Create(1), null, At(96))).Code.ShouldBe("conversation.feedback_already_given");

    [Fact]
    public void An_open_conversation_cannot_be_rated() =>
        Given(Started()).Fails(new GiveFeedback(Actor.Customer(Customer), CsatRating.Create(3), null, At(50))).Code.ShouldBe("conversation.not_closed");

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public void A_rating_outside_1_to_5_is_not_a_rating(int value) =>
        Should.Throw<DomainException>(() => CsatRating.Create(value)).Code.ShouldBe("feedback.rating_invalid");
}

using ChatClean.Domain.Common;
using ChatClean.Domain.Conversations;

namespace ChatClean.Domain.UnitTests.Conversations;

public sealed class Erasing_personal_data : ConversationSpec
{
    [Fact]
    public void An_erasure_is_recorded_in_any_mode() =>
        Given(Started(), Requested(), TookOver(AgentA)).When(new ErasePersonalData(Actor.System, 3, At(99)))
            .ShouldBe([new PersonalDataErased(Id.Value, Customer.Value, 3, At(99))]);

    [Fact]
    public void After_an_erasure_the_state_holds_no_feedback_comment_and_keeps_the_rating()
    {
        var state = Given(Started(), ClosedBy(Actor.Customer(Customer)), new FeedbackGiven(Id.Value, 4, "ask for Li", At(95)), new PersonalDataErased(Id.Value, Customer.Value, 2, At(99))).State;
        state.FeedbackComment.ShouldBeNull();
        state.Feedback.ShouldBe(CsatRating.Create(4));
        state.Mode.ShouldBe(ConversationMode.Closed);
    }

    [Fact]
    public void Personal_text_is_the_subject_the_bodies_and_the_comment_and_nothing_else()
    {
        var message = new MessagePosted(Id.Value, Guid.NewGuid(), SenderKind.Customer, Customer.Value, "my address is 1 Main St", "c-1", At(5));
        PersonalData.IsIn(Started()).ShouldBeTrue();
        PersonalData.IsIn(message).ShouldBeTrue();
        PersonalData.IsIn(Requested()).ShouldBeFalse();
        PersonalData.Without(message).ShouldBe(message with { Body = "" });
        PersonalData.IsIn(PersonalData.Without(message)).ShouldBeFalse();
        PersonalData.Without(Started()).ShouldBe(Started() with { Subject = null });
        PersonalData.Without(new FeedbackGiven(Id.Value, 2, "slow", At(9))).ShouldBe(new FeedbackGiven(Id.Value, 2, null, At(9)));
    }

    [Fact]
    public void An_erasure_before_the_start_is_refused() =>
        Given().Fails(new ErasePersonalData(Actor.System, 0, At(1))).Code.ShouldBe("conversation.not_started");
}

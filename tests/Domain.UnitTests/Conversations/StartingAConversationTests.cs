using ChatClean.Domain.Conversations;

namespace ChatClean.Domain.UnitTests.Conversations;

public sealed class Starting_a_conversation : ConversationSpec
{
    [Fact]
    public void A_new_conversation_starts_in_ai_mode()
    {
        var events = Given().When(new StartConversation(Id, Customer, "Order 42", T0));

        events.ShouldBe([Started()]);
        ConversationDecider.Fold(events).Mode.ShouldBe(ConversationMode.Ai);
    }

    [Fact]
    public void Starting_it_again_for_the_same_customer_changes_nothing() =>
        Given(Started()).Decides(new StartConversation(Id, Customer, "Order 42", At(5))).ShouldBeOfType<Decision.Repeat>();

    [Fact]
    public void Starting_an_existing_id_for_another_customer_is_refused() =>
        Given(Started()).Fails(new StartConversation(Id, OtherCustomer, null, At(5))).Code.ShouldBe("conversation.already_exists");

    [Fact]
    public void Any_other_command_before_the_start_is_refused() =>
        Given().Fails(new RequestHuman(HandoffReason.Api, Actor.System, T0)).Code.ShouldBe("conversation.not_started");
}

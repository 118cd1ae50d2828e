using ChatClean.Domain.Common;
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

public sealed class Timing_out_to_the_ai : ConversationSpec
{
    [Fact]
    public void The_current_episode_times_out_back_to_the_ai()
    {
        var events = Given(Started(), Requested()).When(new TimeOutToAi(1, At(70)));

        events.ShouldBe([new TimedOutToAi(Id.Value, 1, At(70))]);
        ConversationDecider.Fold([Started(), Requested(), .. events]).Mode.ShouldBe(ConversationMode.Ai);
    }

    [Fact]
    public void The_customer_is_told_in_a_system_message_appended_with_the_timeout()
    {
        var noticeId = Guid.NewGuid();
        var events = Given(Started(), Requested()).When(new TimeOutToAi(1, At(70), new SystemNotice(noticeId, MessageBody.Create("No agent is free."))));

        events.ShouldBe(
        [
            new TimedOutToAi(Id.Value, 1, At(70)),
            new MessagePosted(Id.Value, noticeId, SenderKind.System, null, "No agent is free.", null, At(70)),
        ]);
    }

    [Fact]
    public void A_stale_timeout_posts_no_notice_either() =>
        Given(Started(), Requested(), TookOver(AgentA))
            .Decides(new TimeOutToAi(1, At(70), new SystemNotice(Guid.NewGuid(), MessageBody.Create("No agent is free.")))).ShouldBeOfType<Decision.Settled>();

    [Fact]
    public void A_timeout_after_the_takeover_changes_nothing() =>
        Given(Started(), Requested(), TookOver(AgentA)).Decides(new TimeOutToAi(1, At(70))).ShouldBeOfType<Decision.Settled>();

    [Fact]
    public void The_timeout_of_an_earlier_episode_never_ends_a_later_one() =>
        Given(Started(), Requested(), new HumanRequestCancelled(Id.Value, 1, At(15)), Requested(episode: 2, at: 30))
            .Decides(new TimeOutToAi(1, At(70))).ShouldBeOfType<Decision.Settled>();

    [Fact]
    public void A_timeout_after_the_close_changes_nothing() =>
        Given(Started(), Requested(), ClosedBy(Actor.Customer(Customer), episode: 1)).Decides(new TimeOutToAi(1, At(99))).ShouldBeOfType<Decision.Settled>();
}

public sealed class Releasing_to_the_ai : ConversationSpec
{
    [Fact]
    public void The_holding_agent_hands_back_to_the_ai()
    {
        var events = Given(Started(), Requested(), TookOver(AgentA)).When(new Release(AgentA, At(40)));

        events.ShouldBe([new ConversationReleased(Id.Value, AgentA.Value, At(40))]);
        var state = ConversationDecider.Fold([Started(), Requested(), TookOver(AgentA), .. events]);
        state.Mode.ShouldBe(ConversationMode.Ai);
        state.AgentId.ShouldBeNull();
    }

    [Fact]
    public void Another_agent_cannot_release_it() =>
        Given(Started(), Requested(), TookOver(AgentA)).Fails(new Release(AgentB, At(40))).Code.ShouldBe("conversation.not_assigned_agent");

    [Fact]
    public void Releasing_again_after_the_release_changes_nothing() =>
        Given(Started(), TookOver(AgentA, null), new ConversationReleased(Id.Value, AgentA.Value, At(40))).Decides(new Release(AgentA, At(41))).ShouldBeOfType<Decision.Repeat>();

    [Fact]
    public void A_waiting_conversation_has_nothing_to_release() =>
        Given(Started(), Requested()).Fails(new Release(AgentA, At(40))).Code.ShouldBe("conversation.not_in_human_mode");

    [Fact]
    public void A_closed_conversation_cannot_be_released() =>
        Given(Started(), TookOver(AgentA, null), ClosedBy(Actor.Agent(AgentA))).Fails(new Release(AgentA, At(99))).Code.ShouldBe("conversation.closed");
}

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

using ChatClean.Domain.Conversations;

namespace ChatClean.Domain.UnitTests.Conversations;

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

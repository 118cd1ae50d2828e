using ChatClean.Application.Conversations;
using ChatClean.Domain.Conversations;

namespace ChatClean.Application.UnitTests;

public sealed class The_expected_wait_in_the_queue
{
    private static readonly TimeSpan[] Recent = [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(20)];

    [Fact]
    public void With_no_recent_waits_it_is_the_time_left_before_the_ai_takes_over() =>
        QueueEstimate.ExpectedWait(3, TimeSpan.FromSeconds(5), [], TimeSpan.FromSeconds(40)).ShouldBe(TimeSpan.FromSeconds(40));

    [Fact]
    public void The_first_in_line_expects_one_median_wait_less_what_it_has_waited() =>
        QueueEstimate.ExpectedWait(1, TimeSpan.FromSeconds(5), Recent, TimeSpan.FromSeconds(60)).ShouldBe(TimeSpan.FromSeconds(15));

    [Fact]
    public void Each_place_ahead_costs_one_median_wait() =>
        QueueEstimate.ExpectedWait(3, TimeSpan.Zero, Recent, TimeSpan.FromMinutes(5)).ShouldBe(TimeSpan.FromSeconds(60));

    [Fact]
    public void It_never_exceeds_the_time_left_nor_goes_below_zero()
    {
        QueueEstimate.ExpectedWait(5, TimeSpan.Zero, Recent, TimeSpan.FromSeconds(25)).ShouldBe(TimeSpan.FromSeconds(25));
        QueueEstimate.ExpectedWait(1, TimeSpan.FromSeconds(50), Recent, TimeSpan.FromSeconds(10)).ShouldBe(TimeSpan.Zero);
        QueueEstimate.ExpectedWait(1, TimeSpan.Zero, [], TimeSpan.FromSeconds(-3)).ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void The_median_of_an_even_count_is_halfway_between_the_middle_waits() =>
        QueueEstimate.ExpectedWait(1, TimeSpan.Zero, [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20)], TimeSpan.FromMinutes(1)).ShouldBe(TimeSpan.FromSeconds(15));
}

public sealed class The_configured_wait
{
    [Fact]
    public void Applies_to_every_reason_without_an_override_of_its_own()
    {
        var options = new ConversationOptions { WaitingTimeout = TimeSpan.FromSeconds(45) };
        options.WaitingTimeoutByReason["ai_failed"] = TimeSpan.FromSeconds(10);

        options.WaitFor(HandoffReason.CustomerAsked).ShouldBe(TimeSpan.FromSeconds(45));
        options.WaitFor(HandoffReason.AiFailed).ShouldBe(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Takes_overrides_by_wire_name_or_enum_name()
    {
        var options = new ConversationOptions();
        options.WaitingTimeoutByReason["AiLowConfidence"] = TimeSpan.FromSeconds(5);

        options.WaitFor(HandoffReason.AiLowConfidence).ShouldBe(TimeSpan.FromSeconds(5));
        options.WaitFor(HandoffReason.Keyword).ShouldBe(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void Gives_the_deadline_of_a_request()
    {
        var at = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
        var requested = new HumanRequested(Guid.NewGuid(), 1, HandoffReason.CustomerAsked, ActorKind.Customer, null, at);

        new ConversationOptions().DeadlineOf(requested).ShouldBe(at.AddMinutes(1));
    }
}

using ChatClean.Infrastructure.Ai;
using ChatClean.TestSupport;

namespace ChatClean.Infrastructure.IntegrationTests.Ai;

public sealed class CircuitBreakerTests
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Opens_after_the_configured_failures_in_a_row_and_refuses_calls_while_open()
    {
        var breaker = new CircuitBreaker(3, TimeSpan.FromSeconds(30), _clock);
        breaker.Failure();
        breaker.Failure();
        breaker.TryEnter().ShouldBeTrue();
        breaker.Failure();

        breaker.IsOpen.ShouldBeTrue();
        breaker.TryEnter().ShouldBeFalse();
    }

    [Fact]
    public void A_success_resets_the_count()
    {
        var breaker = new CircuitBreaker(2, TimeSpan.FromSeconds(30), _clock);
        breaker.Failure();
        breaker.Success();
        breaker.Failure();

        breaker.TryEnter().ShouldBeTrue();
    }

    [Fact]
    public void After_the_break_one_trial_call_goes_through_and_decides()
    {
        var breaker = new CircuitBreaker(1, TimeSpan.FromSeconds(30), _clock);
        breaker.Failure();
        _clock.Set(_clock.Now.AddSeconds(31));

        breaker.TryEnter().ShouldBeTrue();
        breaker.TryEnter().ShouldBeFalse("only one trial at a time");
        breaker.Failure();
        breaker.TryEnter().ShouldBeFalse("a failed trial opens the circuit again");

        _clock.Set(_clock.Now.AddSeconds(31));
        breaker.TryEnter().ShouldBeTrue();
        breaker.Success();
        breaker.TryEnter().ShouldBeTrue();
        breaker.TryEnter().ShouldBeTrue();
    }

    [Fact]
    public void Its_state_goes_closed_open_half_open_and_closed_again()
    {
        var breaker = new CircuitBreaker(1, TimeSpan.FromSeconds(30), _clock);
        breaker.State.ShouldBe(CircuitState.Closed);

        breaker.Failure();
        breaker.State.ShouldBe(CircuitState.Open);

        _clock.Set(_clock.Now.AddSeconds(31));
        breaker.State.ShouldBe(CircuitState.HalfOpen);
        breaker.TryEnter().ShouldBeTrue();
        breaker.State.ShouldBe(CircuitState.HalfOpen, "the trial is running");

        breaker.Success();
        breaker.State.ShouldBe(CircuitState.Closed);
    }
}

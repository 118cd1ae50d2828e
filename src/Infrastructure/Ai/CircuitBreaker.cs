namespace ChatClean.Infrastructure.Ai;

/// <summary>
/// Consecutive-failure circuit breaker: after <c>failuresBeforeBreak</c> failed calls in a row it opens and refuses
/// calls for <c>breakDuration</c>; then one trial call is let through (half open), which closes it on success or
/// opens it again on failure. Every call that entered must end in <see cref="Success"/>, <see cref="Failure"/> or
/// <see cref="Abandon"/>.
/// </summary>
public sealed class CircuitBreaker(int failuresBeforeBreak, TimeSpan breakDuration, TimeProvider clock)
{
    private readonly System.Threading.Lock _lock = new();
    private int _failures;
    private DateTimeOffset? _openUntil;
    private bool _trialRunning;

    public bool IsOpen
    {
        get
        {
            lock (_lock)
            {
                return _openUntil is { } until && clock.GetUtcNow() < until;
            }
        }
    }

    /// <summary>The state as exported at <c>/metrics</c>: closed, half open (the break is over, a trial may run or runs), or open.</summary>
    public CircuitState State
    {
        get
        {
            lock (_lock)
            {
                return _openUntil is not { } until ? CircuitState.Closed
                    : clock.GetUtcNow() < until ? CircuitState.Open
                    : CircuitState.HalfOpen;
            }
        }
    }

    /// <summary>Whether a call may go ahead now; a half-open circuit lets exactly one through.</summary>
    public bool TryEnter()
    {
        lock (_lock)
        {
            if (_openUntil is not { } until)
            {
                return true;
            }

            if (clock.GetUtcNow() < until || _trialRunning)
            {
                return false;
            }

            _trialRunning = true;
            return true;
        }
    }

    public void Success()
    {
        lock (_lock)
        {
            _failures = 0;
            _openUntil = null;
            _trialRunning = false;
        }
    }

    /// <summary>A call that ended without a verdict (cancelled by its caller): a half-open trial slot is freed.</summary>
    public void Abandon()
    {
        lock (_lock)
        {
            _trialRunning = false;
        }
    }

    public void Failure()
    {
        lock (_lock)
        {
            _failures++;
            if (_trialRunning || _failures >= failuresBeforeBreak)
            {
                _openUntil = clock.GetUtcNow() + breakDuration;
            }

            _trialRunning = false;
        }
    }
}

/// <summary>A breaker's state; the numbers are the <c>chatclean_ai_circuit_state</c> gauge's values.</summary>
public enum CircuitState
{
    Closed = 0,
    HalfOpen = 1,
    Open = 2,
}

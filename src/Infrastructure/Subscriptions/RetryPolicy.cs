namespace ChatClean.Infrastructure.Subscriptions;

/// <summary>
/// The back-off of every subscription after a failure (database or job storage unreachable): a quarter of a second,
/// doubling up to five seconds, back to the start once a page goes through.
/// </summary>
public sealed class RetryPolicy
{
    public static readonly TimeSpan First = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(5);

    private int _failures;

    /// <summary>How long to wait after this failure.</summary>
    public TimeSpan NextDelay()
    {
        var delay = First * Math.Pow(2, Math.Min(_failures, 10));
        _failures++;
        return delay < Longest ? delay : Longest;
    }

    public void Succeeded() => _failures = 0;
}

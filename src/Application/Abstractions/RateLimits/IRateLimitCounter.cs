namespace ChatClean.Application.Abstractions.RateLimits;

/// <summary>Counts hits per key in fixed windows; shared by every node when it is Redis.</summary>
public interface IRateLimitCounter
{
    /// <summary>One hit on each key at once (one round trip to Redis); the decisions in the same order.</summary>
    ValueTask<IReadOnlyList<RateDecision>> HitAllAsync(IReadOnlyList<(string Key, RateLimitRule Rule)> hits, CancellationToken cancellationToken);
}

public static class RateLimitCounterExtensions
{
    /// <summary>Counts a hit on every key (one round trip); the longest wait among the refusals, or null when all allow it.</summary>
    public static async Task<TimeSpan?> RefusedAsync(this IRateLimitCounter counter, CancellationToken cancellationToken, params (string? Key, RateLimitRule? Rule)[] limits)
    {
        var hits = limits.Where(l => l.Key is not null && l.Rule is not null).Select(l => (l.Key!, l.Rule!)).ToArray();
        var decisions = await counter.HitAllAsync(hits, cancellationToken);
        TimeSpan? wait = null;
        foreach (var decision in decisions)
        {
            if (!decision.Allowed && (wait is null || decision.RetryAfter > wait))
            {
                wait = decision.RetryAfter;
            }
        }

        return wait;
    }
}

/// <summary>The code of a refusal for going too fast, on REST (429) and WebSocket alike.</summary>
public static class RateLimitCodes
{
    public const string RateLimited = "rate_limited";
}

using System.Collections.Concurrent;
using ChatClean.Application.Abstractions.RateLimits;

namespace ChatClean.Infrastructure.Security;

/// <summary>One node's counters (the embedded default, and the fallback while Redis is away).</summary>
public sealed class InMemoryRateLimitCounter(TimeProvider clock) : IRateLimitCounter
{
    private readonly ConcurrentDictionary<string, Window> _windows = new();
    private long _nextSweep;

    private RateDecision Hit(string key, RateLimitRule rule)
    {
        var now = clock.GetUtcNow();

        // Expired windows are dropped when there are many, at most once every ten seconds.
        var sweep = Interlocked.Read(ref _nextSweep);
        if (_windows.Count > 100_000 && now.UtcTicks >= sweep && Interlocked.CompareExchange(ref _nextSweep, now.AddSeconds(10).UtcTicks, sweep) == sweep)
        {
            foreach (var expired in _windows.Where(w => w.Value.Ends <= now).Select(w => w.Key).ToArray())
            {
                _windows.TryRemove(expired, out _);
            }
        }

        var window = _windows.AddOrUpdate(
            key,
            _ => new Window(now + rule.Window, 1),
            (_, current) => current.Ends <= now ? new Window(now + rule.Window, 1) : current with { Count = current.Count + 1 });
        return new RateDecision(window.Count <= rule.Limit, window.Ends - now);
    }

    public ValueTask<IReadOnlyList<RateDecision>> HitAllAsync(IReadOnlyList<(string Key, RateLimitRule Rule)> hits, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<RateDecision>>(hits.Select(h => Hit(h.Key, h.Rule)).ToArray());

    private sealed record Window(DateTimeOffset Ends, int Count);
}

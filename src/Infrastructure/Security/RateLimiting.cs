using System.Collections.Concurrent;
using ChatClean.Infrastructure.Redis;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ChatClean.Infrastructure.Security;

/// <summary>At most <see cref="Limit"/> hits per <see cref="Window"/> (a fixed window that starts at the first hit).</summary>
public sealed class RateLimitRule
{
    public int Limit { get; set; }

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>The <c>RateLimits</c> configuration section.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>Login attempts per account (against guessing one account's password from many addresses).</summary>
    public RateLimitRule LoginPerAccount { get; set; } = new() { Limit = 10, Window = TimeSpan.FromMinutes(5) };

    /// <summary>Login attempts per client address (against trying many accounts from one address).</summary>
    public RateLimitRule LoginPerAddress { get; set; } = new() { Limit = 50, Window = TimeSpan.FromMinutes(5) };

    /// <summary>REST requests per signed-in user.</summary>
    public RateLimitRule RestPerUser { get; set; } = new() { Limit = 600, Window = TimeSpan.FromMinutes(1) };

    /// <summary>REST requests per client address, signed in or not.</summary>
    public RateLimitRule RestPerAddress { get; set; } = new() { Limit = 1200, Window = TimeSpan.FromMinutes(1) };

    /// <summary>WebSocket frames per user, over all their connections on every node.</summary>
    public RateLimitRule FramesPerUser { get; set; } = new() { Limit = 1200, Window = TimeSpan.FromMinutes(1) };
}

/// <summary>Whether a hit is allowed, and if not, how long until the window ends.</summary>
public readonly record struct RateDecision(bool Allowed, TimeSpan RetryAfter);

/// <summary>Counts hits per key in fixed windows; shared by every node when it is Redis.</summary>
public interface IRateLimitCounter
{
    /// <summary>One hit on each key at once (one round trip to Redis); the decisions in the same order.</summary>
    ValueTask<IReadOnlyList<RateDecision>> HitAllAsync(IReadOnlyList<(string Key, RateLimitRule Rule)> hits, CancellationToken cancellationToken);
}

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

/// <summary>
/// Counters in Redis, so that a limit holds across every node: one atomic INCR and expiry per hit. While Redis is
/// unreachable the node counts on its own (limits then hold per node) rather than refusing or letting everything through.
/// </summary>
public sealed partial class RedisRateLimitCounter(IConnectionMultiplexer redis, RedisOptions options, InMemoryRateLimitCounter fallback, ILogger<RedisRateLimitCounter> logger)
    : IRateLimitCounter
{
    /// <summary>For each key: INCR, start the window's expiry on the first hit, answer the count and the time left.</summary>
    private const string Script = """
        local out = {}
        for i, key in ipairs(KEYS) do
          local n = redis.call('INCR', key)
          local ttl = redis.call('PTTL', key)
          if n == 1 or ttl < 0 then redis.call('PEXPIRE', key, ARGV[i]); ttl = tonumber(ARGV[i]) end
          out[2 * i - 1] = n
          out[2 * i] = ttl
        end
        return out
        """;

    public async ValueTask<IReadOnlyList<RateDecision>> HitAllAsync(IReadOnlyList<(string Key, RateLimitRule Rule)> hits, CancellationToken cancellationToken)
    {
        try
        {
            var keys = hits.Select(h => new RedisKey($"{options.Prefix}:rl:{h.Key}")).ToArray();
            var windows = hits.Select(h => (RedisValue)(long)h.Rule.Window.TotalMilliseconds).ToArray();
            var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(Script, keys, windows))!;
            return hits.Select((h, i) => new RateDecision((long)result[2 * i] <= h.Rule.Limit, TimeSpan.FromMilliseconds((long)result[(2 * i) + 1]))).ToArray();
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogFallback(logger, exception);
            return await fallback.HitAllAsync(hits, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limits counted on this node only: Redis is unreachable")]
    private static partial void LogFallback(ILogger logger, Exception exception);
}

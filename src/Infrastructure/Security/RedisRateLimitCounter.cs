using ChatClean.Application.Abstractions.RateLimits;
using ChatClean.Infrastructure.Redis;
using StackExchange.Redis;

namespace ChatClean.Infrastructure.Security;

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

using StackExchange.Redis;

namespace ChatClean.Infrastructure.Redis;

/// <summary>
/// Redis pub/sub between nodes. Channel names get the deployment's prefix, so deployments sharing a Redis do not
/// hear each other. Publishing never throws: while Redis is away a notice is lost, and the receivers' fallbacks
/// (the log poll, cache expiry) cover it; subscriptions come back with the connection.
/// </summary>
public sealed class RedisClusterBus(IConnectionMultiplexer redis, RedisOptions options) : IClusterBus
{
    /// <summary>Every notice goes out as <c>{node}|{message}</c>, so that receivers can tell their own node's.</summary>
    private readonly string _node = Guid.NewGuid().ToString("N");

    public void Publish(string channel, string message)
    {
        try
        {
            redis.GetSubscriber().Publish(Channel(channel), $"{_node}|{message}", CommandFlags.FireAndForget);
        }
        catch (RedisException)
        {
        }
    }

    /// <summary>Notices of one channel are handled one at a time, in the order they were published (AI reply deltas rely on it).</summary>
    public void Subscribe(string channel, Action<string> handler, bool includeOwn = true) =>
        redis.GetSubscriber().Subscribe(Channel(channel)).OnMessage(notice =>
        {
            var text = (string)notice.Message!;
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            if (includeOwn || !text.AsSpan(0, Math.Max(bar, 0)).SequenceEqual(_node))
            {
                handler(text[(bar + 1)..]);
            }
        });

    private RedisChannel Channel(string name) => RedisChannel.Literal($"{options.Prefix}:{name}");
}

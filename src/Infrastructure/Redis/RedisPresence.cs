using StackExchange.Redis;

namespace ChatClean.Infrastructure.Redis;

/// <summary>
/// Presence shared by every node: a sorted set of agent ids scored by the time their presence expires, and a hash
/// of their statuses. Expired members are pruned on read. Presence is a hint: while Redis is away, signs of life
/// are dropped and nobody is reported present, and nothing else fails.
/// </summary>
public sealed class RedisPresence(IConnectionMultiplexer redis, RedisOptions redisOptions, PresenceOptions options, TimeProvider clock) : IPresence
{
    private RedisKey Expiries => $"{redisOptions.Prefix}:presence:expires";

    private RedisKey Statuses => $"{redisOptions.Prefix}:presence:status";

    public async Task TouchAsync(Guid agentId, PresenceStatus? status, CancellationToken cancellationToken)
    {
        try
        {
            await TouchCoreAsync(agentId, status);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
        }
    }

    public async Task LeaveAsync(Guid agentId, CancellationToken cancellationToken)
    {
        try
        {
            var db = redis.GetDatabase();
            await db.SortedSetRemoveAsync(Expiries, agentId.ToString("N"));
            await db.HashDeleteAsync(Statuses, agentId.ToString("N"));
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
        }
    }

    public async Task<IReadOnlyDictionary<Guid, PresenceStatus>> PresentAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await PresentCoreAsync();
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            return new Dictionary<Guid, PresenceStatus>();
        }
    }

    private async Task TouchCoreAsync(Guid agentId, PresenceStatus? status)
    {
        var db = redis.GetDatabase();
        var expires = (clock.GetUtcNow() + options.Expiry).ToUnixTimeMilliseconds();
        await db.SortedSetAddAsync(Expiries, agentId.ToString("N"), expires);
        if (status is { } s)
        {
            await db.HashSetAsync(Statuses, agentId.ToString("N"), s.ToString());
        }
        else
        {
            await db.HashSetAsync(Statuses, agentId.ToString("N"), nameof(PresenceStatus.Online), When.NotExists);
        }
    }

    private async Task<IReadOnlyDictionary<Guid, PresenceStatus>> PresentCoreAsync()
    {
        var db = redis.GetDatabase();
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await db.SortedSetRemoveRangeByScoreAsync(Expiries, double.NegativeInfinity, now);
        var present = await db.SortedSetRangeByScoreAsync(Expiries, now, double.PositiveInfinity);
        if (present.Length == 0)
        {
            return new Dictionary<Guid, PresenceStatus>();
        }

        var statuses = await db.HashGetAsync(Statuses, present);
        return present.Zip(statuses).ToDictionary(
            p => Guid.ParseExact(p.First.ToString(), "N"),
            p => Enum.TryParse<PresenceStatus>(p.Second.ToString(), out var status) ? status : PresenceStatus.Online);
    }
}

using System.Collections.Concurrent;
using ChatClean.Application.Abstractions;
using Microsoft.Extensions.Configuration;
using StackExchange.Redis;

namespace ChatClean.Infrastructure.Redis;

/// <summary>Presence settings (section <c>Realtime</c>): how long a sign of life lasts.</summary>
public sealed record PresenceOptions(TimeSpan Expiry)
{
    public static PresenceOptions From(IConfiguration configuration) =>
        new(configuration.GetValue<TimeSpan?>("Realtime:PresenceExpiry") ?? TimeSpan.FromSeconds(60));
}

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

/// <summary>Presence of the embedded default: one node, kept in memory.</summary>
public sealed class InMemoryPresence(PresenceOptions options, TimeProvider clock) : IPresence
{
    private readonly ConcurrentDictionary<Guid, (DateTimeOffset Expires, PresenceStatus Status)> _agents = new();

    public Task TouchAsync(Guid agentId, PresenceStatus? status, CancellationToken cancellationToken)
    {
        var expires = clock.GetUtcNow() + options.Expiry;
        _agents.AddOrUpdate(agentId, _ => (expires, status ?? PresenceStatus.Online), (_, old) => (expires, status ?? old.Status));
        return Task.CompletedTask;
    }

    public Task LeaveAsync(Guid agentId, CancellationToken cancellationToken)
    {
        _agents.TryRemove(agentId, out _);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<Guid, PresenceStatus>> PresentAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        IReadOnlyDictionary<Guid, PresenceStatus> present = _agents.Where(a => a.Value.Expires > now).ToDictionary(a => a.Key, a => a.Value.Status);
        return Task.FromResult(present);
    }
}

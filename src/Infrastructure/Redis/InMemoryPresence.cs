using System.Collections.Concurrent;
using StackExchange.Redis;

namespace ChatClean.Infrastructure.Redis;

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

using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace ChatClean.WebApi.Realtime;

/// <summary>
/// Connections by a key (a user, a conversation). Reads take a snapshot without a lock; adds and removes replace the
/// key's small array, and a key whose last connection leaves is dropped.
/// </summary>
public sealed class ConnectionIndex
{
    private readonly ConcurrentDictionary<Guid, ImmutableArray<ClientConnection>> _sets = new();
    private readonly Lock _lock = new();

    public IReadOnlyList<ClientConnection> Of(Guid key) => _sets.TryGetValue(key, out var set) ? set : [];

    public void Add(Guid key, ClientConnection connection)
    {
        lock (_lock)
        {
            var set = _sets.TryGetValue(key, out var existing) ? existing : [];
            if (!set.Contains(connection))
            {
                _sets[key] = set.Add(connection);
            }
        }
    }

    public void Remove(Guid key, ClientConnection connection)
    {
        lock (_lock)
        {
            if (!_sets.TryGetValue(key, out var set))
            {
                return;
            }

            var rest = set.Remove(connection);
            if (rest.IsEmpty)
            {
                _sets.TryRemove(key, out _);
            }
            else
            {
                _sets[key] = rest;
            }
        }
    }
}

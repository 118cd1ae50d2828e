using System.Collections.Concurrent;
using ChatClean.Domain.Users;

namespace ChatClean.WebApi.Realtime;

/// <summary>The open connections of this node, by id and by user.</summary>
public sealed class ConnectionManager
{
    private readonly ConcurrentDictionary<Guid, ClientConnection> _connections = new();

    public IEnumerable<ClientConnection> All => _connections.Values;

    public void Add(ClientConnection connection) => _connections[connection.Id] = connection;

    public void Remove(ClientConnection connection) => _connections.TryRemove(connection.Id, out _);

    public IEnumerable<ClientConnection> OfUser(Guid userId) => _connections.Values.Where(c => c.Caller.UserId.Value == userId);

    public IEnumerable<ClientConnection> Staff => _connections.Values.Where(c => c.Caller.Role is UserRole.Agent or UserRole.Admin);

    /// <summary>A live conversation frame to every connection that follows the conversation.</summary>
    public void Deliver(ServerFrame frame)
    {
        foreach (var connection in _connections.Values)
        {
            connection.Deliver(frame);
        }
    }
}

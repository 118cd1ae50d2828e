using System.Collections.Concurrent;
using ChatClean.Domain.Users;

namespace ChatClean.WebApi.Realtime;

/// <summary>
/// The open connections of this node, indexed by user and by the conversations they follow, so that a frame costs
/// its recipients, not the node's connection count. <see cref="Admission"/> caps how many may be open at once.
/// </summary>
public sealed class ConnectionManager(ConnectionAdmission admission)
{
    private readonly ConcurrentDictionary<Guid, ClientConnection> _connections = new();
    private readonly ConnectionIndex _byUser = new();
    private readonly ConnectionIndex _followers = new();
    private readonly ConnectionIndex _staff = new();
    private int _customers;

    public ConnectionAdmission Admission { get; } = admission;

    public IEnumerable<ClientConnection> All => _connections.Values;

    /// <summary>Whether any customer is connected to this node (nobody to tell about queue positions otherwise).</summary>
    public bool HasCustomers => Volatile.Read(ref _customers) > 0;

    public IReadOnlyList<ClientConnection> Staff => _staff.Of(Guid.Empty);

    public void Add(ClientConnection connection)
    {
        _connections[connection.Id] = connection;
        _byUser.Add(connection.Caller.UserId.Value, connection);
        if (connection.Caller.Role is UserRole.Agent or UserRole.Admin)
        {
            _staff.Add(Guid.Empty, connection);
        }
        else if (connection.Caller.Role is UserRole.Customer)
        {
            Interlocked.Increment(ref _customers);
        }

        // Indexed before the connection starts following, so no frame delivered after the follow can miss it.
        connection.Following = conversationId => _followers.Add(conversationId, connection);
    }

    public void Remove(ClientConnection connection)
    {
        if (!_connections.TryRemove(connection.Id, out _))
        {
            return;
        }

        _byUser.Remove(connection.Caller.UserId.Value, connection);
        if (connection.Caller.Role is UserRole.Agent or UserRole.Admin)
        {
            _staff.Remove(Guid.Empty, connection);
        }
        else if (connection.Caller.Role is UserRole.Customer)
        {
            Interlocked.Decrement(ref _customers);
        }

        foreach (var conversationId in connection.Followed)
        {
            _followers.Remove(conversationId, connection);
        }
    }

    public IReadOnlyList<ClientConnection> OfUser(Guid userId) => _byUser.Of(userId);

    /// <summary>The connections that follow a conversation (or are starting to).</summary>
    public IReadOnlyList<ClientConnection> FollowersOf(Guid conversationId) => _followers.Of(conversationId);

    /// <summary>A live conversation frame to every connection that follows the conversation.</summary>
    public void Deliver(ServerFrame frame)
    {
        if (frame.ConversationId is not { } conversationId)
        {
            return;
        }

        foreach (var connection in _followers.Of(conversationId))
        {
            connection.Deliver(frame);
        }
    }
}

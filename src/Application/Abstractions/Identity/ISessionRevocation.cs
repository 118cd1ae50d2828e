namespace ChatClean.Application.Abstractions.Identity;

/// <summary>
/// Ends a user's sessions on every node: refresh tokens are revoked, access tokens issued before now are refused,
/// and open WebSockets are closed. Also told when an account is enabled again.
/// </summary>
public interface ISessionRevocation
{
    Task RevokeAsync(UserId id, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The account's state changed (disabled or enabled): every node re-reads it.</summary>
    Task AccountChangedAsync(UserId id, CancellationToken cancellationToken);

    /// <summary>Whether a token issued at <paramref name="issuedAt"/> belongs to a session ended since (account disabled, password reset).</summary>
    bool IsRevoked(Guid userId, DateTimeOffset issuedAt);

    /// <summary>A user's sessions ended, on this node or another: their sockets close.</summary>
    event Action<Guid>? Revoked;
}

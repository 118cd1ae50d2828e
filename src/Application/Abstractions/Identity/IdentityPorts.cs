using ChatClean.Domain.Common;
using ChatClean.Domain.Users;

namespace ChatClean.Application.Abstractions.Identity;

public interface IUserRepository
{
    Task<UserAccount?> FindByIdAsync(UserId id, CancellationToken cancellationToken);

    Task<UserAccount?> FindByUsernameAsync(Username username, CancellationToken cancellationToken);

    /// <summary>By email address (case-insensitive), through its keyed hash: the address itself is stored encrypted.</summary>
    Task<UserAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken);

    /// <exception cref="Common.ConflictException">The username is taken (code <c>user.username_taken</c>).</exception>
    Task AddAsync(UserAccount account, CancellationToken cancellationToken);

    Task<bool> AnyWithRoleAsync(UserRole role, CancellationToken cancellationToken);

    Task<int> CountActiveAsync(UserRole role, CancellationToken cancellationToken);

    Task SetDisabledAsync(UserId id, bool disabled, CancellationToken cancellationToken);

    Task SetPasswordHashAsync(UserId id, string passwordHash, CancellationToken cancellationToken);
}

public interface IPasswordHasher
{
    string Hash(string password);

    bool Verify(string password, string hash);

    /// <summary>Spends the time of one verification, so an unknown username answers as slowly as a wrong password.</summary>
    void VerifyNothing(string password);
}

/// <summary>A signed, short-lived access token (a JWT) for a user.</summary>
public sealed record AccessToken(string Token, DateTimeOffset ExpiresAt);

public interface IAccessTokenIssuer
{
    AccessToken Issue(UserAccount user, DateTimeOffset now);
}

/// <summary>A refresh token handed to a client once; only its hash is stored.</summary>
public sealed record RefreshToken(string Token, DateTimeOffset ExpiresAt);

/// <summary>Who a redeemed refresh token belongs to, and the family (login session) it continues.</summary>
public sealed record RefreshTokenRedemption(UserId UserId, Guid FamilyId);

/// <summary>
/// Rotating refresh tokens: each is used once and replaced by a new one of the same family. Using a token
/// twice means it leaked, so the whole family is revoked.
/// </summary>
public interface IRefreshTokenStore
{
    Task<RefreshToken> IssueAsync(UserId userId, Guid familyId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <exception cref="Common.UnauthorizedException">Unknown, expired, revoked or reused token.</exception>
    Task<RefreshTokenRedemption> RedeemAsync(string token, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Revokes the family of <paramref name="token"/> (logout); an unknown token is ignored.</summary>
    Task RevokeFamilyAsync(string token, DateTimeOffset now, CancellationToken cancellationToken);
}

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

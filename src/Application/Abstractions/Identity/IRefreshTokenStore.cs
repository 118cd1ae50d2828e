namespace ChatClean.Application.Abstractions.Identity;

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

using System.Security.Cryptography;
using System.Text;
using ChatClean.Application.Abstractions.Identity;
using ChatClean.Application.Common;
using ChatClean.Domain.Common;
using ChatClean.Infrastructure.Security;

namespace ChatClean.Infrastructure.Identity;

/// <summary>Refresh tokens as 256 random bits (base64url); the table keeps their SHA-256 only.</summary>
public sealed class EfRefreshTokenStore(ChatCleanDbContext db, IOptions<JwtOptions> options) : IRefreshTokenStore
{
    public async Task<RefreshToken> IssueAsync(UserId userId, Guid familyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var token = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var expires = now + options.Value.RefreshTokenLifetime;
        db.RefreshTokens.Add(new RefreshTokenRecord
        {
            Id = Guid.CreateVersion7(),
            TokenHash = HashOf(token),
            UserId = userId.Value,
            FamilyId = familyId,
            CreatedAt = now.UtcDateTime,
            ExpiresAt = expires.UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return new RefreshToken(token, expires);
    }

    public async Task<RefreshTokenRedemption> RedeemAsync(string token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var hash = HashOf(token);
        var record = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken)
            ?? throw Invalid();
        if (record.RevokedAt is not null || record.ExpiresAt <= now.UtcDateTime)
        {
            throw Invalid();
        }

        // Mark it used only if nobody used it before and nobody revoked it meanwhile (a password reset, say): of two
        // concurrent redemptions exactly one succeeds, and a revocation that got in first wins.
        var used = await db.RefreshTokens
            .Where(t => t.Id == record.Id && t.UsedAt == null && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now.UtcDateTime), cancellationToken);
        if (used == 0 && await db.RefreshTokens.AnyAsync(t => t.Id == record.Id && t.RevokedAt != null, cancellationToken))
        {
            throw Invalid();
        }

        if (used == 0)
        {
            await RevokeFamilyAsync(record.FamilyId, now, cancellationToken);
            throw new UnauthorizedException("auth.refresh_token_reused", "This refresh token was already used; the session is revoked.");
        }

        return new RefreshTokenRedemption(new UserId(record.UserId), record.FamilyId);
    }

    public async Task RevokeFamilyAsync(string token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var hash = HashOf(token);
        var familyId = await db.RefreshTokens.Where(t => t.TokenHash == hash).Select(t => (Guid?)t.FamilyId).FirstOrDefaultAsync(cancellationToken);
        if (familyId is { } family)
        {
            await RevokeFamilyAsync(family, now, cancellationToken);
        }
    }

    private Task<int> RevokeFamilyAsync(Guid familyId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.RefreshTokens
            .Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now.UtcDateTime), cancellationToken);

    private static UnauthorizedException Invalid() =>
        new("auth.refresh_token_invalid", "The refresh token is unknown, expired or revoked.");

    private static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

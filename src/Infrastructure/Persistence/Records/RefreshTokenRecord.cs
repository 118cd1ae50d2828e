namespace ChatClean.Infrastructure.Persistence;

public sealed class RefreshTokenRecord
{
    public Guid Id { get; set; }

    /// <summary>SHA-256 of the token, hex: the token itself is never stored.</summary>
    public required string TokenHash { get; set; }

    public Guid UserId { get; set; }

    public Guid FamilyId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? UsedAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}

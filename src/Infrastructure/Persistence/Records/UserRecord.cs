namespace ChatClean.Infrastructure.Persistence;

public sealed class UserRecord
{
    public Guid Id { get; set; }

    public required string Username { get; set; }

    public required string DisplayName { get; set; }

    public required string Role { get; set; }

    public required string PasswordHash { get; set; }

    public bool IsDisabled { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Encrypted (<see cref="Security.FieldCipher"/>).</summary>
    public string? Email { get; set; }

    /// <summary>Keyed hash of the normalised email, for lookups.</summary>
    public string? EmailHash { get; set; }

    /// <summary>Encrypted.</summary>
    public string? Phone { get; set; }

    /// <summary>Access tokens issued before this instant are refused (set when an admin disables the account or resets its password).</summary>
    public DateTime? SessionsRevokedAt { get; set; }
}

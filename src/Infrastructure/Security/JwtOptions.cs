using ChatClean.Application.Common;

namespace ChatClean.Infrastructure.Security;

/// <summary>Configuration section <c>Jwt</c>.</summary>
public sealed class JwtOptions
{
    public const string SectionName = "Jwt";

    [NotEmpty]
    public string Issuer { get; set; } = "chatclean";

    [NotEmpty]
    public string Audience { get; set; } = "chatclean";

    /// <summary>
    /// The HMAC-SHA256 signing key (at least 32 bytes). When absent, a random key is generated once and kept in
    /// the data folder, which suits one embedded node; several nodes need the same configured key.
    /// </summary>
    public string? SigningKey { get; set; }

    [Positive]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    [Positive]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Tolerated difference between the clocks of token issuer and validator.</summary>
    [NotNegative]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}

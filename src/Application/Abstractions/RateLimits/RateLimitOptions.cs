namespace ChatClean.Application.Abstractions.RateLimits;

/// <summary>The <c>RateLimits</c> configuration section.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>Login attempts per account (against guessing one account's password from many addresses).</summary>
    public RateLimitRule LoginPerAccount { get; set; } = new() { Limit = 10, Window = TimeSpan.FromMinutes(5) };

    /// <summary>Login attempts per client address (against trying many accounts from one address).</summary>
    public RateLimitRule LoginPerAddress { get; set; } = new() { Limit = 50, Window = TimeSpan.FromMinutes(5) };

    /// <summary>REST requests per signed-in user.</summary>
    public RateLimitRule RestPerUser { get; set; } = new() { Limit = 600, Window = TimeSpan.FromMinutes(1) };

    /// <summary>REST requests per client address, signed in or not.</summary>
    public RateLimitRule RestPerAddress { get; set; } = new() { Limit = 1200, Window = TimeSpan.FromMinutes(1) };

    /// <summary>WebSocket frames per user, over all their connections on every node.</summary>
    public RateLimitRule FramesPerUser { get; set; } = new() { Limit = 1200, Window = TimeSpan.FromMinutes(1) };
}

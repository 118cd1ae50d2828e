namespace ChatClean.Application.Abstractions.RateLimits;

/// <summary>At most <see cref="Limit"/> hits per <see cref="Window"/> (a fixed window that starts at the first hit).</summary>
public sealed class RateLimitRule
{
    [Positive]
    public int Limit { get; set; }

    [Positive]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

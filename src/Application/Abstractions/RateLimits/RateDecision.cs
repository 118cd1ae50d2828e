namespace ChatClean.Application.Abstractions.RateLimits;

/// <summary>Whether a hit is allowed, and if not, how long until the window ends.</summary>
public readonly record struct RateDecision(bool Allowed, TimeSpan RetryAfter);

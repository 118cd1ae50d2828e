using ChatClean.Application.Common;

namespace ChatClean.Infrastructure.Observability.Health;

/// <summary>Readiness thresholds (section <c>Health</c>).</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>Not ready when the oldest event the read models have not applied is older than this (key <c>Health:MaxProjectionLag</c>).</summary>
    [Positive]
    public TimeSpan MaxProjectionLag { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A check that has not answered within this is unhealthy (key <c>Health:CheckTimeout</c>).</summary>
    [Positive]
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

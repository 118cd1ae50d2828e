using System.ComponentModel.DataAnnotations;

namespace ChatClean.Infrastructure.Observability.Health;

/// <summary>Readiness thresholds (section <c>Health</c>).</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>Not ready when the oldest event the read models have not applied is older than this (key <c>Health:MaxProjectionLag</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Health:MaxProjectionLag must be between 1 second and 1 day.")]
    public TimeSpan MaxProjectionLag { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A check that has not answered within this is unhealthy (key <c>Health:CheckTimeout</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00", ErrorMessage = "Health:CheckTimeout must be between 100 ms and 1 minute.")]
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

using ChatClean.Application.Common;

namespace ChatClean.Infrastructure.Observability;

/// <summary>The <c>Metrics</c> configuration section.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>How often the cluster-wide gauges (<see cref="LiveGauges"/>) are read from the read models and presence.</summary>
    [Positive]
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(10);
}

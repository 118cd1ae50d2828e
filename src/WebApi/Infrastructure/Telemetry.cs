namespace ChatClean.WebApi.Infrastructure;

/// <summary>The service's own meters, exported with ASP.NET Core's at <c>/metrics</c> (Prometheus text format); see docs/metrics.md.</summary>
public static class Telemetry
{
    /// <summary>Every meter of the service is named <c>ChatClean.…</c> (<c>ChatClean.Ai</c>, <c>ChatClean.WaitingTimeouts</c>).</summary>
    public static readonly string[] Meters = ["ChatClean.*"];
}

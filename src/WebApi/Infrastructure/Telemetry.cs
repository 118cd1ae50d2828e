namespace ChatClean.WebApi.Infrastructure;

/// <summary>The service's own meters, exported with ASP.NET Core's at <c>/metrics</c> (Prometheus text format); see docs/metrics.md.</summary>
public static class Telemetry
{
    public static readonly string[] Meters = [Application.Ai.AnswerCustomerHandler.MeterName, ChatClean.Infrastructure.Scheduling.WaitingTimeoutJob.MeterName];
}

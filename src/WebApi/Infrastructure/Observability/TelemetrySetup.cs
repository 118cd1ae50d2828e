using ChatClean.Infrastructure.Observability;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ChatClean.WebApi.Infrastructure.Observability;

/// <summary>
/// OpenTelemetry: metrics always (the service's meters <c>ChatClean.*</c>, ASP.NET Core's and the runtime's, scraped
/// at <c>/metrics</c>); traces (the service's own spans, ASP.NET Core without probes and scrapes, HttpClient calls
/// to the model, EF Core, Redis) and an OTLP copy of the metrics only when an OTLP endpoint is configured
/// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or <c>OpenTelemetry:Otlp:Endpoint</c>). Without one no span is recorded, yet
/// every request and frame still has a trace id for the logs and the events' metadata.
/// </summary>
public static class TelemetrySetup
{
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = OtlpEndpoint(configuration);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("chatclean", serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(Telemetry.Meters)
                    .AddMeter("System.Runtime")
                    .AddAspNetCoreInstrumentation()
                    .AddPrometheusExporter();
                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            });

        if (otlp is not null)
        {
            var redis = !string.IsNullOrWhiteSpace(configuration.GetConnectionString("Redis"));
            telemetry.WithTracing(tracing =>
            {
                tracing
                    .AddSource(Tracing.SourceName)
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbe(http.Request.Path))
                    .AddHttpClientInstrumentation()
                    .AddEntityFrameworkCoreInstrumentation()
                    .AddOtlpExporter(o => o.Endpoint = otlp);
                if (redis)
                {
                    tracing.AddRedisInstrumentation();
                }
            });
        }

        return services;
    }

    /// <summary>The OTLP endpoint, or null: <c>OpenTelemetry:Otlp:Endpoint</c>, else the standard environment variable.</summary>
    public static Uri? OtlpEndpoint(IConfiguration configuration)
    {
        var value = configuration["OpenTelemetry:Otlp:Endpoint"] is { Length: > 0 } configured ? configured : configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new InvalidOperationException($"OpenTelemetry:Otlp:Endpoint: '{value}' is not an http(s) URL.");
    }

    private static bool IsProbe(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}

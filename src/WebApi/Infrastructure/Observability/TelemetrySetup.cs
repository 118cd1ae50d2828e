using ChatClean.Application.Abstractions.Hosting;
using ChatClean.Application.Abstractions.Observability;
using OpenTelemetry;
using OpenTelemetry.Exporter;
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
    /// <summary>Every meter of the service is named <c>ChatClean.…</c> (<c>ChatClean.Ai</c>, <c>ChatClean.Conversations</c>, …); the series: docs/operations.md#metrics.</summary>
    private const string ServiceMeters = "ChatClean.*";

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = OtlpEndpoint(configuration);
        var protocol = OtlpProtocol(configuration);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("chatclean", serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(ServiceMeters)
                    .AddMeter("System.Runtime")
                    .AddAspNetCoreInstrumentation()
                    .AddPrometheusExporter();
                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(o => Configure(o, configuration, protocol, "v1/metrics"));
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
                    .AddOtlpExporter(o => Configure(o, configuration, protocol, "v1/traces"));
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
        var key = configuration["OpenTelemetry:Otlp:Endpoint"] is { Length: > 0 } ? "OpenTelemetry:Otlp:Endpoint" : "OTEL_EXPORTER_OTLP_ENDPOINT";
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw ValidatedOptions.Invalid(key, typeof(Uri), $"'{value}' is not an http(s) URL");
    }

    private static OtlpExportProtocol OtlpProtocol(IConfiguration configuration) => configuration["OpenTelemetry:Otlp:Protocol"] switch
    {
        null or "" or "grpc" => OtlpExportProtocol.Grpc,
        "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
        var other => throw ValidatedOptions.Invalid("OpenTelemetry:Otlp:Protocol", typeof(string), $"'{other}' is not grpc or http/protobuf"),
    };

    /// <summary>
    /// The standard <c>OTEL_EXPORTER_OTLP_*</c> variables are the exporter's own (it appends the signal's path for
    /// http/protobuf); <c>OpenTelemetry:Otlp:Endpoint</c> and <c>OpenTelemetry:Otlp:Protocol</c> (<c>grpc</c>, the
    /// default, or <c>http/protobuf</c>) override them, with the path appended here.
    /// </summary>
    private static void Configure(OtlpExporterOptions options, IConfiguration configuration, OtlpExportProtocol protocol, string signalPath)
    {
        if (configuration["OpenTelemetry:Otlp:Endpoint"] is not { Length: > 0 } endpoint)
        {
            return;
        }

        options.Protocol = protocol;
        options.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf ? new Uri(new Uri(endpoint.TrimEnd('/') + "/"), signalPath) : new Uri(endpoint);
    }

    private static bool IsProbe(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}

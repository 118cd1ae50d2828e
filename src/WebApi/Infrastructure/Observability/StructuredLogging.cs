using ChatClean.Application.Abstractions.Hosting;
using Serilog;
using Serilog.Extensions.Logging;
using Serilog.Formatting.Compact;

namespace ChatClean.WebApi.Infrastructure.Observability;

/// <summary>
/// Logs through Serilog to stdout: one JSON object per line (<c>@t</c>, <c>@l</c>, <c>@m</c>, <c>@tr</c> trace id,
/// <c>@sp</c> span id and every property) in production, readable text in Development or with
/// <c>Logging:Format=text</c>. Serilog only writes: what is logged stays decided by <c>Logging:LogLevel</c>, which is
/// read again when <c>appsettings*.json</c> changes, so levels change without a restart.
/// </summary>
public static class StructuredLogging
{
    private const string TextTemplate = "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {SourceContext}: {Message:lj} {TraceId}{NewLine}{Exception}";

    public static WebApplicationBuilder AddStructuredLogging(this WebApplicationBuilder builder)
    {
        var format = builder.Configuration["Logging:Format"];
        if (format is not (null or "" or "json" or "text"))
        {
            throw ValidatedOptions.Invalid("Logging:Format", typeof(string), $"'{format}' is not json or text");
        }

        var text = format == "text" || (format is null or "" && builder.Environment.IsDevelopment());
        var configuration = new LoggerConfiguration().MinimumLevel.Verbose().Enrich.FromLogContext();
        configuration = text
            ? configuration.WriteTo.Console(outputTemplate: TextTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            : configuration.WriteTo.Console(new RenderedCompactJsonFormatter());

        // The provider alone, not AddSerilog's helper: that also adds a Trace rule for Serilog's provider, which
        // would outrank every Logging:LogLevel rule and the filter that keeps request lines (tokens) out.
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new SerilogLoggerProvider(configuration.CreateLogger(), dispose: true));
        return builder;
    }
}

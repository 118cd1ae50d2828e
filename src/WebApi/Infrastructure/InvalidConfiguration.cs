using Microsoft.Extensions.Options;

namespace ChatClean.WebApi.Infrastructure;

/// <summary>
/// How a node whose configuration is wrong ends (ADR 21): before it listens, with every failure on standard error,
/// each naming its key, and exit code <see cref="ExitCode"/>. It never answers <c>/health/live</c>, so an orchestrator
/// sees a crash at start, not a live node that fails in the background.
/// </summary>
public static class InvalidConfiguration
{
    /// <summary><c>EX_CONFIG</c> of sysexits.h: a configuration error.</summary>
    public const int ExitCode = 78;

    /// <summary>
    /// Checks every validated options section now, right after the build: all bad keys are reported at once, before
    /// the pipeline's set-up reads any of them (the host would check them again when it starts).
    /// </summary>
    public static WebApplication ValidateConfiguration(this WebApplication app)
    {
        app.Services.GetService<IStartupValidator>()?.Validate();
        return app;
    }

    /// <summary>The configuration failures <paramref name="exception"/> reports; none when it is about something else.</summary>
    public static IReadOnlyList<string> Failures(Exception exception) => exception switch
    {
        OptionsValidationException invalid => [.. invalid.Failures.Distinct()],
        AggregateException aggregate when aggregate.Flatten().InnerExceptions.All(e => e is OptionsValidationException) =>
            [.. aggregate.Flatten().InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures).Distinct()],
        _ => [],
    };

    public static int Report(IReadOnlyList<string> failures, TextWriter error)
    {
        error.WriteLine($"ChatClean cannot start: the configuration is invalid ({failures.Count} problem{(failures.Count == 1 ? "" : "s")}; see docs/configuration.md).");
        foreach (var failure in failures)
        {
            error.WriteLine($"  {failure}");
        }

        error.Flush();
        return ExitCode;
    }
}

using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Cli.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ChatClean.Cli.Commands;

public sealed class VerifySettings : OutputSettings
{
    [CommandOption("--from <P>")]
    [Description("Start at position P (the link into it is taken from the event before); default 1, the whole log.")]
    public long From { get; init; } = 1;

    public override ValidationResult Validate() => From < 1 ? ValidationResult.Error("--from starts at 1.") : ValidationResult.Success();
}

/// <summary><c>verify [--from P]</c>: exit 0 only when every check holds; else 1, with the first broken position and what is wrong there.</summary>
public sealed class VerifyCommand(IAnsiConsole console, CliServices services) : AsyncCommand<VerifySettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, VerifySettings settings, CancellationToken cancellationToken)
    {
        var verifier = services.Provider.GetRequiredService<IEventLogVerifier>();
        var clock = Stopwatch.StartNew();
        ChainVerification result;
        if (settings.Json || !console.Profile.Capabilities.Interactive)
        {
            result = await verifier.VerifyAsync(cancellationToken, settings.From);
        }
        else
        {
            var head = await services.Provider.GetRequiredService<IEventStore>().ReadHeadPositionAsync(cancellationToken);
            result = await console.Progress().StartAsync(async progress =>
            {
                var task = progress.AddTask("verifying the log", maxValue: Math.Max(1, head - settings.From + 1));
                return await verifier.VerifyAsync(cancellationToken, settings.From, new Progress<long>(p => task.Value = p - settings.From + 1));
            });
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var rate = result.EventsChecked / Math.Max(seconds, 1e-6);
        if (settings.Json)
        {
            console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(
                new { result.Intact, result.EventsChecked, result.Checkpoints, result.FirstBrokenPosition, result.Problem, description = result.Describe(), seconds, eventsPerSecond = rate },
                OutputSettings.JsonOptions));
        }
        else if (result.Intact)
        {
            console.MarkupLineInterpolated($"[green]intact[/]: {result.EventsChecked:N0} events from position {settings.From} and {result.Checkpoints} signed checkpoints checked in {seconds:N1} s ({rate:N0} events/s)");
        }
        else
        {
            console.MarkupLineInterpolated($"[red]BROKEN[/] at position {result.FirstBrokenPosition} ({result.Problem}): {result.Describe()}");
            console.MarkupLineInterpolated($"{result.EventsChecked:N0} events before it held, checked in {seconds:N1} s ({rate:N0} events/s)");
        }

        return result.Intact ? CliApp.Intact : CliApp.Broken;
    }
}

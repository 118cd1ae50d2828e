using System.ComponentModel;
using System.Text.Json;
using ChatClean.Cli.Hosting;
using ChatClean.Infrastructure.ReadModels.Rebuild;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ChatClean.Cli.Commands;

public sealed class RebuildSettings : OutputSettings
{
    [CommandOption("--check")]
    [Description("Rebuild into fresh tables and compare their digests with the live ones, without swapping: exit 0 when equal, 1 when not.")]
    public bool Check { get; init; }
}

/// <summary>
/// <c>rebuild [--check]</c>: every read model from position 0 into fresh tables, swapped in only when done (the live
/// ones keep serving meanwhile); prints each table's digest, live and replayed.
/// </summary>
public sealed class RebuildCommand(IAnsiConsole console, CliServices services) : AsyncCommand<RebuildSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, RebuildSettings settings, CancellationToken cancellationToken)
    {
        var rebuild = services.Provider.GetRequiredService<ReadModelRebuild>();
        RebuildResult result;
        if (settings.Json || !console.Profile.Capabilities.Interactive)
        {
            result = await rebuild.RunAsync(!settings.Check, null, cancellationToken);
        }
        else
        {
            result = await console.Progress().StartAsync(async progress =>
            {
                var task = progress.AddTask(settings.Check ? "replaying the log (check)" : "rebuilding the read models");
                return await rebuild.RunAsync(!settings.Check, new Progress<(long Position, long Target)>(p => (task.MaxValue, task.Value) = (Math.Max(1, p.Target), p.Position)), cancellationToken);
            });
        }

        var differing = result.Live.Zip(result.Rebuilt).Where(p => p.First != p.Second).Select(p => p.First.Table).ToArray();
        if (settings.Json)
        {
            console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(
                new { result.Position, result.Events, seconds = result.Elapsed.TotalSeconds, result.EventsPerSecond, result.Swapped, result.Equal, differing, live = result.Live, rebuilt = result.Rebuilt },
                OutputSettings.JsonOptions));
        }
        else
        {
            var table = new Table().AddColumns("table", "rows (live)", "digest (live)", "rows (replay)", "digest (replay)", "");
            foreach (var (live, rebuilt) in result.Live.Zip(result.Rebuilt))
            {
                table.AddRow(live.Table, $"{live.Rows:N0}", live.Sha256[..16], $"{rebuilt.Rows:N0}", rebuilt.Sha256[..16], live == rebuilt ? "[green]equal[/]" : "[red]differs[/]");
            }

            console.Write(table);
            console.MarkupLineInterpolated($"replayed {result.Events:N0} events to position {result.Position} in {result.Elapsed.TotalSeconds:N1} s ({result.EventsPerSecond:N0} events/s)");
            console.MarkupLine(result.Swapped
                ? differing.Length == 0 ? "[green]swapped in[/]: the rebuilt tables now serve (they equal the ones they replace)" : $"[yellow]swapped in[/]: the rebuilt tables now serve; the ones they replace differed in {string.Join(", ", differing)}"
                : result.Equal ? "[green]equal[/]: the live read models are what a replay of the log gives" : $"[red]DIFFERENT[/]: {string.Join(", ", differing)} differ from a replay of the log (run rebuild to replace them)");
        }

        return settings.Check && !result.Equal ? CliApp.Broken : CliApp.Intact;
    }
}

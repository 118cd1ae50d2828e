using System.ComponentModel;
using System.Text.Json;
using ChatClean.Application.Abstractions.Audit;
using ChatClean.Cli.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ChatClean.Cli.Commands;

public sealed class ExportSettings : CommandSettings
{
    [CommandOption("--stream <ID>")]
    [Description("Only this stream (a stream id such as Conversation-…, or a conversation's GUID).")]
    public string? Stream { get; init; }

    [CommandOption("--from <P>")]
    [Description("Events at position P and after (default 1).")]
    public long From { get; init; } = 1;

    [CommandOption("-o|--output <FILE>")]
    [Description("Write to FILE instead of standard output.")]
    public string? Output { get; init; }
}

/// <summary><c>export [--stream ID] [--from P] [--output FILE]</c>: JSON lines, one stored event a line, in log order.</summary>
public sealed class ExportCommand(IAnsiConsole console, CliServices services) : AsyncCommand<ExportSettings>
{
    private const int PageSize = 1000;

    public override async Task<int> ExecuteAsync(CommandContext context, ExportSettings settings, CancellationToken cancellationToken)
    {
        var stream = settings.Stream is { } s && Guid.TryParse(s, out var id) ? new Domain.Conversations.ConversationId(id).StreamName : settings.Stream;
        await using var file = settings.Output is { } path ? new StreamWriter(path) : null;
        await using var scope = services.Provider.CreateAsyncScope();
        var log = scope.ServiceProvider.GetRequiredService<IAuditLog>();
        long count = 0;
        if (stream is not null)
        {
            long after = 0;
            while (true)
            {
                var page = await log.ReadStreamAsync(stream, after, PageSize, cancellationToken);
                foreach (var e in page.Where(e => e.Position >= settings.From))
                {
                    await WriteAsync(e);
                }

                if (page.Count < PageSize)
                {
                    break;
                }

                after = page[^1].Seq;
            }
        }
        else
        {
            var after = settings.From - 1;
            while (true)
            {
                var page = await log.SearchAsync(new AuditEventFilter(null, null, null, null, after, PageSize), cancellationToken);
                foreach (var e in page)
                {
                    await WriteAsync(e);
                }

                if (page.Count < PageSize)
                {
                    break;
                }

                after = page[^1].Position;
            }
        }

        if (file is not null)
        {
            console.MarkupLineInterpolated($"exported {count:N0} events to {settings.Output}");
        }

        return CliApp.Intact;

        async Task WriteAsync(AuditEvent e)
        {
            var line = JsonSerializer.Serialize(e, OutputSettings.JsonOptions);
            if (file is not null)
            {
                await file.WriteLineAsync(line);
            }
            else
            {
                console.Profile.Out.Writer.WriteLine(line);
            }

            count++;
        }
    }
}

using System.Globalization;
using System.Text.Json;
using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Cli.Hosting;
using ChatClean.Domain.Conversations;
using ChatClean.Infrastructure.EventStore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ChatClean.Cli.Commands;

/// <summary><c>history &lt;conversationId&gt;</c>: what happened, who did it, when.</summary>
public sealed class HistoryCommand(IAnsiConsole console, CliServices services) : AsyncCommand<ConversationSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ConversationSettings settings, CancellationToken cancellationToken)
    {
        var id = settings.Id;
        var streamId = new ConversationId(id).StreamName;
        // One read of the stream as stored: the hash for --json, the typed event for the readable line.
        var store = services.Provider.GetRequiredService<SqlEventStore>();
        var rows = new List<(StoredEvent<IConversationEvent> Event, string Hash, bool Erased)>();
        long from = 1;
        while (true)
        {
            var page = await store.ReadStreamAsync(streamId, from, 500, cancellationToken);
            rows.AddRange(page.Select(r => (ConversationEventSerializer.ToStored(r), Convert.ToHexStringLower(r.Hash), EventHashing.IsErased(r.Data))));
            if (page.Count < 500)
            {
                break;
            }

            from = page[^1].Revision + 1;
        }

        if (rows.Count == 0)
        {
            throw new CliUsageException($"No conversation {id}.");
        }

        if (settings.Json)
        {
            foreach (var (e, hash, erased) in rows)
            {
                console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(
                    new { e.Seq, e.Position, at = e.Event.At, e.RecordedAt, actor = Actor(e.Metadata), what = Describe(e.Event), text = Text(e.Event, erased), erased, hash },
                    OutputSettings.JsonOptions));
            }

            return CliApp.Intact;
        }

        var table = new Table().Title($"conversation {id}").AddColumns("time (UTC)", "seq", "actor", "what happened", "text");
        foreach (var (e, _, erased) in rows)
        {
            table.AddRow(
                Markup.Escape(e.Event.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture)),
                e.Seq.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(Actor(e.Metadata)),
                Markup.Escape(Describe(e.Event)),
                Markup.Escape(Text(e.Event, erased) ?? ""));
        }

        console.Write(table);
        return CliApp.Intact;
    }

    private static string Actor(EventMetadata metadata) => metadata.ActorKind switch
    {
        null => "-",
        { } kind when metadata.ActorId is { } actorId => $"{kind.ToString().ToLowerInvariant()} {actorId}",
        { } kind => kind.ToString().ToLowerInvariant(),
    };

    public static string Describe(IConversationEvent e) => e switch
    {
        ConversationStarted s => s.Subject is { } subject ? $"started: {subject}" : "started",
        MessagePosted m => $"message from {m.Sender.ToString().ToLowerInvariant()}",
        HumanRequested h => $"human requested ({h.Reason}), episode {h.Episode}",
        HumanRequestCancelled c => $"request cancelled, episode {c.Episode}",
        AgentTookOver t => $"agent {t.AgentId} took over",
        TimedOutToAi t => $"nobody answered: back to the AI, episode {t.Episode}",
        ConversationReleased r => $"agent {r.AgentId} released it to the AI",
        AgentTransferred t => $"transferred from {t.FromAgentId} to {t.ToAgentId}",
        ConversationClosed c => $"closed by {c.ClosedBy.ToString().ToLowerInvariant()}",
        FeedbackGiven f => $"rated {f.Rating}/5",
        PersonalDataErased p => $"personal data erased from {p.Events} earlier events",
        _ => e.GetType().Name,
    };

    private static string? Text(IConversationEvent e, bool erased) => erased ? "(erased)" : e switch
    {
        MessagePosted m => m.Body,
        FeedbackGiven f => f.Comment,
        _ => null,
    };
}

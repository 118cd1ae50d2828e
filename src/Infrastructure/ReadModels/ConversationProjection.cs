using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Application.Conversations;
using ChatClean.Domain.Conversations;
using ChatClean.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ChatClean.Infrastructure.ReadModels;

/// <summary>Maintains <c>rm_conversations</c>: one row per conversation with its mode, holder, counts and waiting episode.</summary>
public sealed class ConversationProjection : IProjection
{
    public string Name => "conversations";

    public async Task ApplyAsync(ChatCleanDbContext db, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        var decoded = events
            .Where(ConversationEventSerializer.IsConversationEvent)
            .Select(e => (Record: e, Event: ConversationEventSerializer.Deserialize(e)))
            .ToArray();
        var ids = decoded.Select(d => d.Event.ConversationId).Distinct().ToArray();
        var rows = await db.Conversations.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);

        foreach (var (record, @event) in decoded)
        {
            if (!rows.TryGetValue(@event.ConversationId, out var row))
            {
                if (@event is not ConversationStarted started)
                {
                    continue;
                }

                row = new ConversationRow
                {
                    Id = started.ConversationId,
                    CustomerId = started.CustomerId,
                    Mode = WireNames.Of(ConversationMode.Ai),
                    Subject = started.Subject,
                    StartedAt = started.At.UtcDateTime,
                };
                rows[row.Id] = row;
                db.Conversations.Add(row);
            }
            else if (record.Position <= row.LastPosition)
            {
                continue;
            }

            Apply(row, @event);
            row.Version = record.Revision;
            row.LastPosition = record.Position;
        }
    }

    private static void Apply(ConversationRow row, IConversationEvent @event)
    {
        switch (@event)
        {
            case MessagePosted e:
                row.MessageCount++;
                row.LastMessageAt = e.At.UtcDateTime;
                break;
            case HumanRequested e:
                row.Mode = WireNames.Of(ConversationMode.Waiting);
                row.WaitingReason = WireNames.Of(e.Reason);
                row.WaitingSince = e.At.UtcDateTime;
                break;
            case HumanRequestCancelled or TimedOutToAI:
                row.Mode = WireNames.Of(ConversationMode.Ai);
                EndWaiting(row);
                break;
            case AgentTookOver e:
                row.Mode = WireNames.Of(ConversationMode.Human);
                row.AgentId = e.AgentId;
                EndWaiting(row);
                break;
            case HumanSessionEnded:
                row.Mode = WireNames.Of(ConversationMode.Ai);
                row.AgentId = null;
                break;
            case AgentTransferred e:
                row.AgentId = e.ToAgentId;
                break;
            case ConversationClosed e:
                row.Mode = WireNames.Of(ConversationMode.Closed);
                row.ClosedAt = e.At.UtcDateTime;
                EndWaiting(row);
                break;
        }
    }

    private static void EndWaiting(ConversationRow row)
    {
        row.WaitingReason = null;
        row.WaitingSince = null;
    }
}

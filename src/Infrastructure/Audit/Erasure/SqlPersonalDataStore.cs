using System.Text.Json;
using ChatClean.Application.Abstractions.Audit;
using ChatClean.Domain.Common;
using ChatClean.Infrastructure.EventStore;

namespace ChatClean.Infrastructure.Audit.Erasure;

/// <summary>
/// Erasure in the stored log: each event with personal text gets the payload <see cref="EventHashing.Tombstone"/>
/// builds (the event without its text, led by the digest of the payload it replaces), so its hash link still holds.
/// Events recorded before the chain held payload digests cannot be rewritten that way and are reported as kept.
/// </summary>
public sealed class SqlPersonalDataStore(ChatCleanDbContext db, SqlEventStore store) : IPersonalDataStore
{
    private static readonly string StartedType = EventTypeAttribute.NameOf(typeof(ConversationStarted));
    private static readonly string ErasureType = EventTypeAttribute.NameOf(typeof(PersonalDataErased));

    public async Task<IReadOnlyList<ConversationId>> ConversationsStartedByAsync(UserId customerId, CancellationToken cancellationToken)
    {
        var pattern = $"%\"customerId\":\"{customerId.Value:D}\"%";
        var streams = await db.Set<EventRow>().AsNoTracking()
            .Where(e => e.EventType == StartedType && EF.Functions.Like(e.Data, pattern))
            .OrderBy(e => e.Position)
            .Select(e => e.StreamId)
            .ToListAsync(cancellationToken);
        return streams.Select(s => new ConversationId(Guid.ParseExact(s["Conversation-".Length..], "N"))).ToArray();
    }

    public async Task<TextErasure> EraseTextsAsync(ConversationId id, CancellationToken cancellationToken)
    {
        var digestsFrom = await store.ReadPayloadDigestsFromAsync(cancellationToken);
        var rows = await db.Set<EventRow>().Where(e => e.StreamId == id.StreamName).OrderBy(e => e.Revision).ToListAsync(cancellationToken);
        int erased = 0, kept = 0;
        var unrecorded = false;
        foreach (var row in rows)
        {
            if (row.EventType == ErasureType)
            {
                unrecorded = false;
                continue;
            }

            if (EventHashing.IsErased(row.Data))
            {
                unrecorded = true;
                continue;
            }

            var @event = ConversationEventSerializer.ToStored(EventRows.ToRecorded(row)).Event;
            if (!PersonalData.IsIn(@event))
            {
                continue;
            }

            if (row.Position < digestsFrom)
            {
                (kept, unrecorded) = (kept + 1, true);
                continue;
            }

            var without = PersonalData.Without(@event);
            row.Data = EventHashing.Tombstone(row.Data, JsonSerializer.Serialize(without, without.GetType(), ConversationEventSerializer.Options));
            (erased, unrecorded) = (erased + 1, true);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new TextErasure(erased, kept, unrecorded);
    }

    public async Task<bool> EraseAccountAsync(UserId id, CancellationToken cancellationToken)
    {
        var erasedName = $"erased-{id.Value:N}";
        var changed = await db.Users.Where(u => u.Id == id.Value).ExecuteUpdateAsync(
            u => u.SetProperty(x => x.Username, erasedName)
                .SetProperty(x => x.DisplayName, "(erased)")
                .SetProperty(x => x.Email, (string?)null)
                .SetProperty(x => x.EmailHash, (string?)null)
                .SetProperty(x => x.Phone, (string?)null)
                .SetProperty(x => x.PasswordHash, "erased")
                .SetProperty(x => x.IsDisabled, true),
            cancellationToken);
        await db.RefreshTokens.Where(t => t.UserId == id.Value).ExecuteDeleteAsync(cancellationToken);
        return changed > 0;
    }
}

using System.Text.Json;
using ChatClean.Application.Abstractions.Audit;
using ChatClean.Infrastructure.EventStore;

namespace ChatClean.Infrastructure.Audit;

/// <summary>The audit reads of the log: a stream through the event store, searches through <c>es_events</c>'s mapping.</summary>
public sealed class SqlAuditLog(SqlEventStore store, ChatCleanDbContext db) : IAuditLog
{
    public async Task<IReadOnlyList<AuditEvent>> ReadStreamAsync(string streamId, long afterSeq, int limit, CancellationToken cancellationToken) =>
        (await store.ReadStreamAsync(streamId, afterSeq + 1, limit, cancellationToken)).Select(ToAudit).ToArray();

    public async Task<IReadOnlyList<AuditEvent>> SearchAsync(AuditEventFilter filter, CancellationToken cancellationToken)
    {
        var query = db.Set<EventRow>().AsNoTracking().Where(e => e.Position > filter.AfterPosition);
        if (filter.Type is { } type)
        {
            query = query.Where(e => e.EventType == type);
        }

        if (filter.ActorId is { } actor)
        {
            var pattern = "%" + ReadModels.ConversationSearch.EscapeLike(ConversationEventSerializer.ActorIdFragment(actor)) + "%";
            query = query.Where(e => e.Metadata != null && EF.Functions.Like(e.Metadata, pattern, "\\"));
        }

        if (filter.From is { } from)
        {
            var micros = EventRows.ToMicroseconds(from);
            query = query.Where(e => e.CreatedAt >= micros);
        }

        if (filter.To is { } to)
        {
            var micros = EventRows.ToMicroseconds(to);
            query = query.Where(e => e.CreatedAt < micros);
        }

        var rows = await query.OrderBy(e => e.Position).Take(filter.Limit).ToListAsync(cancellationToken);
        return rows.Select(r => ToAudit(EventRows.ToRecorded(r))).ToArray();
    }

    public static AuditEvent ToAudit(RecordedEvent e)
    {
        using var data = JsonDocument.Parse(e.Data);
        return new AuditEvent(
            e.Position, e.StreamId, e.Revision, e.EventId, e.Type, data.RootElement.Clone(), ConversationEventSerializer.ReadMetadata(e.Metadata), e.CreatedAt, Convert.ToHexStringLower(e.Hash));
    }
}

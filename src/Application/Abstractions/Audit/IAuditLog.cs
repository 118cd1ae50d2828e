using System.Text.Json;

namespace ChatClean.Application.Abstractions.Audit;

/// <summary>
/// An event exactly as the log holds it, for auditors: its place in the log and its stream, its stored payload and
/// metadata, when it was recorded and its hash link (hex).
/// </summary>
public sealed record AuditEvent(
    long Position,
    string StreamId,
    long Seq,
    Guid EventId,
    string Type,
    JsonElement Data,
    EventMetadata Metadata,
    DateTimeOffset RecordedAt,
    string Hash);

/// <summary>A search of the whole log: every bound optional, keyset-paged by position.</summary>
public sealed record AuditEventFilter(string? Type, Guid? ActorId, DateTimeOffset? From, DateTimeOffset? To, long AfterPosition, int Limit);

/// <summary>The log read as stored, not as the domain folds it (the audit API and command line).</summary>
public interface IAuditLog
{
    Task<IReadOnlyList<AuditEvent>> ReadStreamAsync(string streamId, long afterSeq, int limit, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditEvent>> SearchAsync(AuditEventFilter filter, CancellationToken cancellationToken);
}

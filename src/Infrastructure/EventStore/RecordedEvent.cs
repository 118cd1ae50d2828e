namespace ChatClean.Infrastructure.EventStore;

/// <summary>A row of <c>es_events</c>: a committed event as stored, with its place in its stream and the global log, and its hash link.</summary>
public sealed record RecordedEvent(
    long Position,
    string StreamId,
    long Revision,
    Guid EventId,
    string Type,
    string Data,
    string? Metadata,
    DateTimeOffset CreatedAt,
    byte[] Hash);

/// <summary>The outcome of a raw append: the stream's new revision and the recorded events (the originals when the append was a retry).</summary>
public sealed record RawAppendResult(long StreamRevision, long LastPosition, IReadOnlyList<RecordedEvent> Events, bool WasDuplicate);

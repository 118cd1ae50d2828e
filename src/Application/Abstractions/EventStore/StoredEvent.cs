namespace ChatClean.Application.Abstractions.EventStore;

/// <summary>
/// A committed event as every reader sees it: the event itself, its place in its stream (<see cref="Seq"/>, the
/// stream revision) and in the global log (<see cref="Position"/>), when it was recorded and who caused it. The
/// stored bytes and the hash chain stay inside the event store and its verifier.
/// </summary>
public sealed record StoredEvent<TEvent>(
    TEvent Event,
    Guid EventId,
    string StreamId,
    long Seq,
    long Position,
    DateTimeOffset RecordedAt,
    EventMetadata Metadata)
    where TEvent : class;

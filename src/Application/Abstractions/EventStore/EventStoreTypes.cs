namespace ChatClean.Application.Abstractions.EventStore;

/// <summary>What the writer believes the stream's revision is: any, no stream yet, an existing stream, or an exact revision.</summary>
public readonly record struct ExpectedRevision
{
    private const long AnyValue = -2;
    private const long StreamExistsValue = -1;

    private ExpectedRevision(long value) => Value = value;

    public static ExpectedRevision Any { get; } = new(AnyValue);

    /// <summary>The stream must not exist yet (revision 0).</summary>
    public static ExpectedRevision NoStream { get; } = new(0);

    public static ExpectedRevision StreamExists { get; } = new(StreamExistsValue);

    public long Value { get; }

    public static ExpectedRevision Exact(long revision) =>
        revision >= 0 ? new ExpectedRevision(revision) : throw new ArgumentOutOfRangeException(nameof(revision));

    public bool IsSatisfiedBy(long currentRevision) => Value switch
    {
        AnyValue => true,
        StreamExistsValue => currentRevision > 0,
        _ => currentRevision == Value,
    };

    public override string ToString() => Value switch
    {
        AnyValue => "any",
        StreamExistsValue => "stream-exists",
        0 => "no-stream",
        _ => Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>An event to append: its id (the idempotency key), wire type name and JSON payload.</summary>
public sealed record EventData(Guid EventId, string Type, string Data, string? Metadata = null);

/// <summary>A committed event with its place in its stream (<see cref="Revision"/>) and in the global log (<see cref="Position"/>).</summary>
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

/// <summary>The outcome of an append: the stream's new revision and the recorded events (the originals when the append was a retry).</summary>
public sealed record AppendResult(long StreamRevision, long LastPosition, IReadOnlyList<RecordedEvent> Events, bool WasDuplicate);

public sealed class WrongExpectedRevisionException(string streamId, ExpectedRevision expected, long actual)
    : Exception($"Stream '{streamId}' is at revision {actual}, expected {expected}.")
{
    public string StreamId { get; } = streamId;

    public ExpectedRevision Expected { get; } = expected;

    public long ActualRevision { get; } = actual;
}

/// <summary>Some but not all of an append's event ids are already in the stream: the retry does not match the original.</summary>
public sealed class IdempotencyConflictException(string streamId)
    : Exception($"Some events of this append are already in stream '{streamId}', others are not.")
{
    public string StreamId { get; } = streamId;
}

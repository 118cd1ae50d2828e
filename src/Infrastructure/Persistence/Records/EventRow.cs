namespace ChatClean.Infrastructure.Persistence;

/// <summary>The shape of <c>es_events</c>, for migrations only: the event store reads and writes it with plain SQL.</summary>
public sealed class EventRow
{
    public long Position { get; set; }

    public required string StreamId { get; set; }

    public long Revision { get; set; }

    public required string EventId { get; set; }

    public required string EventType { get; set; }

    public required string Data { get; set; }

    public string? Metadata { get; set; }

    public long CreatedAt { get; set; }

    public required byte[] Hash { get; set; }
}

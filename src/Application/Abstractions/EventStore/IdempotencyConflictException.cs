namespace ChatClean.Application.Abstractions.EventStore;

/// <summary>Some but not all of an append's event ids are already in the stream: the retry does not match the original.</summary>
public sealed class IdempotencyConflictException(string streamId)
    : Exception($"Some events of this append are already in stream '{streamId}', others are not.")
{
    public string StreamId { get; } = streamId;
}

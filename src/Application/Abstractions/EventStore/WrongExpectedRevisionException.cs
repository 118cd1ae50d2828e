namespace ChatClean.Application.Abstractions.EventStore;

/// <summary>The stream is not at the revision the append expected: someone else wrote first.</summary>
public sealed class WrongExpectedRevisionException(string streamId, ExpectedRevision expected, long actual)
    : Exception($"Stream '{streamId}' is at revision {actual}, expected {expected}.")
{
    public string StreamId { get; } = streamId;

    public ExpectedRevision Expected { get; } = expected;

    public long ActualRevision { get; } = actual;
}

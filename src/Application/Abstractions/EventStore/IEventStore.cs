namespace ChatClean.Application.Abstractions.EventStore;

/// <summary>
/// The write-side store, shaped like EventStoreDB: streams with revisions 1, 2, … and one global log (<c>$all</c>)
/// with gap-free, commit-ordered positions 1, 2, …. It takes and returns events, never their stored form: wire
/// names, serialisation and the hash chain belong to its implementation. Consumers of the log read it through a
/// subscription (Infrastructure/Subscriptions), which pages <see cref="ReadAllAsync"/> from a checkpoint.
/// </summary>
public interface IEventStore
{
    /// <summary>
    /// Appends <paramref name="events"/> to <paramref name="streamId"/> if its revision matches <paramref name="expected"/>.
    /// A retry with event ids already in the stream returns the original result instead of appending again.
    /// </summary>
    /// <exception cref="WrongExpectedRevisionException">The stream's revision is not the expected one.</exception>
    Task<AppendResult> AppendAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventToAppend> events, CancellationToken cancellationToken);

    /// <summary>Reads at most <paramref name="maxCount"/> events of a stream, from revision <paramref name="fromRevision"/> (inclusive) on.</summary>
    Task<IReadOnlyList<StoredEvent<IConversationEvent>>> ReadStreamAsync(string streamId, long fromRevision, int maxCount, CancellationToken cancellationToken);

    /// <summary>The stream's current revision (the seq of its last event), 0 when it does not exist.</summary>
    Task<long> ReadStreamRevisionAsync(string streamId, CancellationToken cancellationToken);

    /// <summary>Reads at most <paramref name="maxCount"/> events of the global log after <paramref name="afterPosition"/> (0 reads from the start).</summary>
    Task<IReadOnlyList<StoredEvent<IConversationEvent>>> ReadAllAsync(long afterPosition, int maxCount, CancellationToken cancellationToken);

    /// <summary>The position of the last committed event (0 when the log is empty).</summary>
    Task<long> ReadHeadPositionAsync(CancellationToken cancellationToken);
}

namespace ChatClean.Infrastructure.EventStore;

/// <summary>The typed port on the SQL store: events in, events out; wire names, JSON and hashes stay below it.</summary>
public sealed class ConversationEventStore(SqlEventStore store) : IEventStore
{
    public async Task<AppendResult> AppendAsync(
        string streamId, ExpectedRevision expected, IReadOnlyList<EventToAppend> events, CancellationToken cancellationToken)
    {
        var result = await store.AppendAsync(streamId, expected, events.Select(ConversationEventSerializer.ToEventData).ToArray(), cancellationToken);
        return new AppendResult(result.StreamRevision, result.LastPosition, result.Events.Select(ConversationEventSerializer.ToStored).ToArray(), result.WasDuplicate);
    }

    public async Task<IReadOnlyList<StoredEvent<IConversationEvent>>> ReadStreamAsync(
        string streamId, long fromRevision, int maxCount, CancellationToken cancellationToken) =>
        (await store.ReadStreamAsync(streamId, fromRevision, maxCount, cancellationToken)).Select(ConversationEventSerializer.ToStored).ToArray();

    public Task<long> ReadStreamRevisionAsync(string streamId, CancellationToken cancellationToken) => store.ReadStreamRevisionAsync(streamId, cancellationToken);

    public async Task<IReadOnlyList<StoredEvent<IConversationEvent>>> ReadAllAsync(long afterPosition, int maxCount, CancellationToken cancellationToken) =>
        (await store.ReadAllAsync(afterPosition, maxCount, cancellationToken)).Select(ConversationEventSerializer.ToStored).ToArray();

    public Task<long> ReadHeadPositionAsync(CancellationToken cancellationToken) => store.ReadHeadPositionAsync(cancellationToken);
}

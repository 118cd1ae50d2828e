namespace ChatClean.Infrastructure.EventStore;

/// <summary>
/// The typed port on the SQL store: events in, events out; wire names, JSON and hashes stay below it. Reads of the
/// log's newest pages are shared through <see cref="RecentEvents"/>.
/// </summary>
public sealed class ConversationEventStore(SqlEventStore store, RecentEvents recent) : IEventStore, IDisposable
{
    private readonly SemaphoreSlim _tailRead = new(1, 1);

    public ConversationEventStore(SqlEventStore store)
        : this(store, new RecentEvents())
    {
    }

    public async Task<AppendResult> AppendAsync(
        string streamId, ExpectedRevision expected, IReadOnlyList<EventToAppend> events, CancellationToken cancellationToken)
    {
        var result = await store.AppendAsync(streamId, expected, events.Select(ConversationEventSerializer.ToEventData).ToArray(), cancellationToken);
        return new AppendResult(result.StreamRevision, result.LastPosition, Stored(result, events), result.WasDuplicate);
    }

    /// <summary>
    /// What was appended, as stored: a fresh append's own events (nothing to read back), or, when the append repeated
    /// an earlier one, the events the log holds from that one.
    /// </summary>
    private static StoredEvent<IConversationEvent>[] Stored(RawAppendResult result, IReadOnlyList<EventToAppend> appended)
    {
        var recorded = result.Events;
        if (result.WasDuplicate || recorded.Count != appended.Count)
        {
            return recorded.Select(ConversationEventSerializer.ToStored).ToArray();
        }

        var stored = new StoredEvent<IConversationEvent>[recorded.Count];
        for (var i = 0; i < stored.Length; i++)
        {
            var (append, row) = (appended[i], recorded[i]);
            stored[i] = row.EventId == append.EventId
                ? new StoredEvent<IConversationEvent>(append.Event, row.EventId, row.StreamId, row.Revision, row.Position, row.CreatedAt, append.Metadata)
                : ConversationEventSerializer.ToStored(row);
        }

        return stored;
    }

    public async Task<IReadOnlyList<StoredEvent<IConversationEvent>>> ReadStreamAsync(
        string streamId, long fromRevision, int maxCount, CancellationToken cancellationToken) =>
        (await store.ReadStreamAsync(streamId, fromRevision, maxCount, cancellationToken)).Select(ConversationEventSerializer.ToStored).ToArray();

    public Task<long> ReadStreamRevisionAsync(string streamId, CancellationToken cancellationToken) => store.ReadStreamRevisionAsync(streamId, cancellationToken);

    public async Task<IReadOnlyList<StoredEvent<IConversationEvent>>> ReadAllAsync(long afterPosition, int maxCount, CancellationToken cancellationToken)
    {
        if (recent.TryRead(afterPosition, maxCount, out var held))
        {
            return held;
        }

        if (!recent.IsTail(afterPosition))
        {
            // Behind the held run (a catch-up, a rebuild): straight to the store.
            return await ReadPageAsync(afterPosition, maxCount, cancellationToken);
        }

        // At the tail every live consumer wakes at the same commit: one reads, the others take what it read.
        await _tailRead.WaitAsync(cancellationToken);
        try
        {
            return recent.TryRead(afterPosition, maxCount, out held) ? held : await ReadPageAsync(afterPosition, maxCount, cancellationToken);
        }
        finally
        {
            _tailRead.Release();
        }
    }

    private async Task<StoredEvent<IConversationEvent>[]> ReadPageAsync(long afterPosition, int maxCount, CancellationToken cancellationToken)
    {
        var page = (await store.ReadAllAsync(afterPosition, maxCount, cancellationToken)).Select(ConversationEventSerializer.ToStored).ToArray();
        recent.Add(page);
        return page;
    }

    public Task<long> ReadHeadPositionAsync(CancellationToken cancellationToken) => store.ReadHeadPositionAsync(cancellationToken);

    public void Dispose() => _tailRead.Dispose();
}

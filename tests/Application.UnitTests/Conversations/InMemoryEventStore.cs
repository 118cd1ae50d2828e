using ChatClean.Application.Abstractions;
using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Domain.Conversations;

namespace ChatClean.Application.UnitTests.Conversations;

/// <summary>
/// A fake event store for the write path's unit tests: one list per stream, the expected-revision check, and a hook
/// that lets a test slip another writer's events in just before an append.
/// </summary>
public sealed class InMemoryEventStore : IEventStore
{
    private readonly Dictionary<string, List<StoredEvent<IConversationEvent>>> _streams = [];
    private long _position;

    /// <summary>Runs once, before the next append is checked (another node writing first).</summary>
    public Action? BeforeNextAppend { get; set; }

    public int Appends { get; private set; }

    public int StreamReads { get; private set; }

    public Task<AppendResult> AppendAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventToAppend> events, CancellationToken cancellationToken)
    {
        var hook = BeforeNextAppend;
        BeforeNextAppend = null;
        hook?.Invoke();
        var stream = Stream(streamId);
        if (!expected.IsSatisfiedBy(stream.Count))
        {
            throw new WrongExpectedRevisionException(streamId, expected, stream.Count);
        }

        Appends++;
        var stored = events.Select(e => new StoredEvent<IConversationEvent>(e.Event, e.EventId, streamId, stream.Count + 1, ++_position, e.Event.At, e.Metadata))
            .Select(e => { stream.Add(e); return e; })
            .ToArray();
        return Task.FromResult(new AppendResult(stream.Count, _position, stored, WasDuplicate: false));
    }

    /// <summary>Another writer's events, appended behind the write path's back.</summary>
    public void Write(ConversationId id, params IConversationEvent[] events)
    {
        var stream = Stream(id.StreamName);
        foreach (var e in events)
        {
            stream.Add(new StoredEvent<IConversationEvent>(e, Guid.NewGuid(), id.StreamName, stream.Count + 1, ++_position, e.At, EventMetadata.None));
        }
    }

    public IReadOnlyList<IConversationEvent> EventsOf(ConversationId id) => Stream(id.StreamName).Select(e => e.Event).ToArray();

    public Task<IReadOnlyList<StoredEvent<IConversationEvent>>> ReadStreamAsync(string streamId, long fromRevision, int maxCount, CancellationToken cancellationToken)
    {
        StreamReads++;
        return Task.FromResult<IReadOnlyList<StoredEvent<IConversationEvent>>>(Stream(streamId).Where(e => e.Seq >= fromRevision).Take(maxCount).ToArray());
    }

    public Task<long> ReadStreamRevisionAsync(string streamId, CancellationToken cancellationToken) => Task.FromResult((long)Stream(streamId).Count);

    public Task<IReadOnlyList<StoredEvent<IConversationEvent>>> ReadAllAsync(long afterPosition, int maxCount, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredEvent<IConversationEvent>>>(
            _streams.Values.SelectMany(s => s).Where(e => e.Position > afterPosition).OrderBy(e => e.Position).Take(maxCount).ToArray());

    public Task<long> ReadHeadPositionAsync(CancellationToken cancellationToken) => Task.FromResult(_position);

    private List<StoredEvent<IConversationEvent>> Stream(string streamId)
    {
        if (!_streams.TryGetValue(streamId, out var stream))
        {
            _streams[streamId] = stream = [];
        }

        return stream;
    }
}

/// <summary>The state cache as a plain dictionary.</summary>
public sealed class DictionaryStateCache : IConversationStateCache
{
    private readonly Dictionary<ConversationId, ConversationState> _states = [];

    public ConversationState? Find(ConversationId id) => _states.GetValueOrDefault(id);

    public void Keep(ConversationState state)
    {
        if (Find(state.Id) is not { } kept || kept.Version < state.Version)
        {
            _states[state.Id] = state;
        }
    }
}

using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Application.Common;
using ChatClean.Domain.Conversations;

namespace ChatClean.Application.Conversations;

/// <summary>A conversation read from its stream: the folded state, its version (the last seq) and its events.</summary>
public sealed record LoadedConversation(ConversationState State, long Version, IReadOnlyList<StoredConversationEvent> History);

public sealed record StoredConversationEvent(RecordedEvent Record, IConversationEvent Event);

/// <summary>The outcome of a command: the conversation before, the events it appended (none for a repeat) and the state after.</summary>
public sealed record ConversationChange(LoadedConversation Before, IReadOnlyList<StoredConversationEvent> Appended, ConversationState State, long Version);

/// <summary>
/// The write path of every conversation command: load the stream, fold it, decide, append with the expected
/// revision. A concurrent writer makes the append fail; the command is then decided again on the fresh state,
/// which settles races (the second of two takeovers finds the conversation taken).
/// </summary>
public sealed class ConversationStreams(IEventStore eventStore)
{
    private const int PageSize = 1000;
    private const int MaxAttempts = 8;

    public async Task<LoadedConversation> LoadAsync(ConversationId id, CancellationToken cancellationToken)
    {
        var history = new List<StoredConversationEvent>();
        var state = ConversationState.Initial;
        long version = 0;
        await foreach (var record in eventStore.ReadStreamToEndAsync(id.StreamName, 1, cancellationToken, PageSize))
        {
            var @event = ConversationEventSerializer.Deserialize(record);
            state = ConversationDecider.Evolve(state, @event);
            history.Add(new StoredConversationEvent(record, @event));
            version = record.Revision;
        }

        return new LoadedConversation(state, version, history);
    }

    /// <param name="commandFor">Builds the command from the loaded conversation; may throw to refuse (unknown id, foreign conversation).</param>
    /// <param name="current">
    /// The conversation as the caller already read it, used for the first attempt instead of reading it again; if it
    /// has moved on since, the append's expected revision says so and the next attempt reads it afresh.
    /// </param>
    public async Task<ConversationChange> ExecuteAsync(
        ConversationId id, Func<LoadedConversation, ConversationCommand> commandFor, CancellationToken cancellationToken, LoadedConversation? current = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var loaded = attempt == 1 && current is not null ? current : await LoadAsync(id, cancellationToken);
            var command = commandFor(loaded);
            var events = ConversationDecider.Decide(command, loaded.State);
            if (events.Count == 0)
            {
                return new ConversationChange(loaded, [], loaded.State, loaded.Version);
            }

            var data = events.Select(e => ConversationEventSerializer.ToEventData(e, Guid.CreateVersion7())).ToArray();
            try
            {
                var result = await eventStore.AppendAsync(id.StreamName, ExpectedRevision.Exact(loaded.Version), data, cancellationToken);
                var appended = result.Events.Zip(events, (record, @event) => new StoredConversationEvent(record, @event)).ToArray();
                var state = events.Aggregate(loaded.State, ConversationDecider.Evolve);
                return new ConversationChange(loaded, appended, state, result.StreamRevision);
            }
            catch (WrongExpectedRevisionException) when (attempt < MaxAttempts)
            {
                // Someone else wrote first: decide again on what they wrote.
            }
            catch (WrongExpectedRevisionException)
            {
                throw new ConflictException("conversation.concurrency_conflict", "The conversation changed too often to apply this change; retry it.");
            }
        }
    }
}

using ChatClean.Application.Abstractions;
using ChatClean.Application.Abstractions.Subscriptions;

namespace ChatClean.Application.Conversations;

/// <summary>
/// Keeps the write side's states (<see cref="IConversationStateCache"/>) current with what other nodes write. On two
/// nodes every other message of a conversation is written by the other node (the customer on one, the agent on the
/// other): without this, each command decided on a state one event behind, had its append refused by the expected
/// revision, read the stream and appended again. Each event right after a kept state's version is folded into it; a
/// state further behind (this node missed events, such as before it started) is left for the write path to catch
/// up, and this node's own writes are kept already.
/// </summary>
public sealed class KeepStatesCurrent(IConversationStateCache states) : IEventReactor
{
    public string Name => "state-cache";

    public ValueTask ReactAsync(StoredEvent<IConversationEvent> stored, CancellationToken cancellationToken)
    {
        if (states.Find(new ConversationId(stored.Event.ConversationId)) is { } kept && kept.Version == stored.Seq - 1)
        {
            states.Keep(ConversationDecider.Evolve(kept, stored.Event));
        }

        return ValueTask.CompletedTask;
    }
}

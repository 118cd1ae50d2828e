using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Application.Abstractions.Subscriptions;
using ChatClean.Domain.Conversations;

namespace ChatClean.WebApi.Realtime;

/// <summary>
/// The real-time feed, a reactor live from the head: every conversation event becomes frames for this node's
/// connections. Every node follows the same log, so a message accepted on one node reaches clients on all of them;
/// the log is the backplane, and Redis only wakes the subscriptions early. Frames carry the seq, so a client that
/// reconnects resumes from the store without gap or duplicate.
/// </summary>
public sealed class ConversationFeed(ConnectionManager connections, QueuePositionNotifier queuePositions) : IEventReactor
{
    public string Name => "realtime-feed";

    public ValueTask ReactAsync(StoredEvent<IConversationEvent> stored, CancellationToken cancellationToken)
    {
        var @event = stored.Event;

        // Whoever the conversation now belongs to follows it from here on, wherever they started it from.
        var follower = @event switch
        {
            ConversationStarted e => e.CustomerId,
            _ => ConversationSummary.HolderAfter(@event),
        };
        if (follower is { } userId)
        {
            foreach (var connection in connections.OfUser(userId))
            {
                connection.Follow(@event.ConversationId, stored.Seq - 1);
            }
        }

        connections.Deliver(ServerFrame.ForEvent(stored));
        if (QueueChange(stored) is { } queueFrame)
        {
            foreach (var staff in connections.Staff)
            {
                staff.Send(queueFrame);
            }

            queuePositions.QueueMoved(@event.ConversationId, stored.Seq);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary><c>queue.updated</c> for agents: a conversation joined or left the waiting queue.</summary>
    private static ServerFrame? QueueChange(StoredEvent<IConversationEvent> stored) => stored.Event switch
    {
        HumanRequested e => ServerFrame.Create("queue.updated", new { e.ConversationId, stored.Seq, Change = "added", e.Reason, WaitingSince = e.At }),
        var e when EpisodeEnd.Of(e) is { } end =>
            ServerFrame.Create("queue.updated", new { e.ConversationId, stored.Seq, Change = "removed", Cause = end.Outcome }),
        _ => null,
    };
}

using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Application.Conversations;
using ChatClean.Domain.Conversations;

namespace ChatClean.WebApi.Realtime;

/// <summary>
/// The broadcast service: follows the event log (from its head at start-up) and turns every conversation event
/// into frames for this node's connections. Every node follows the same log, so a message accepted on one node
/// reaches clients on all of them; the log is the backplane, and Redis only wakes the followers early. Frames
/// carry the seq, so a client that reconnects resumes from the store without gap or duplicate.
/// </summary>
public sealed partial class ConversationFeed(
    IEventStore eventStore, ConnectionManager connections, QueuePositionNotifier queuePositions, ILogger<ConversationFeed> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long position = -1;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (position < 0)
                {
                    position = await eventStore.ReadHeadPositionAsync(stoppingToken);
                }

                await foreach (var recorded in eventStore.SubscribeToAllAsync(position, stoppingToken))
                {
                    if (ConversationEventSerializer.IsConversationEvent(recorded))
                    {
                        Publish(recorded.Revision, ConversationEventSerializer.Deserialize(recorded));
                    }

                    position = recorded.Position;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // Subscribe again from the last event published: nothing is skipped or sent twice.
                LogFailure(logger, exception);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private void Publish(long seq, IConversationEvent @event)
    {
        var frame = ServerFrame.ForEvent(seq, @event);

        // Whoever the conversation now belongs to follows it from here on, wherever they started it from.
        switch (@event)
        {
            case ConversationStarted e:
                Follow(e.CustomerId, e.ConversationId, seq);
                break;
            case AgentTookOver e:
                Follow(e.AgentId, e.ConversationId, seq);
                break;
            case AgentTransferred e:
                Follow(e.ToAgentId, e.ConversationId, seq);
                break;
        }

        connections.Deliver(frame);
        if (QueueChange(seq, @event) is { } queueFrame)
        {
            foreach (var staff in connections.Staff)
            {
                staff.Send(queueFrame);
            }

            queuePositions.QueueMoved(@event.ConversationId, seq);
        }
    }

    private void Follow(Guid userId, Guid conversationId, long seq)
    {
        foreach (var connection in connections.OfUser(userId))
        {
            connection.Follow(conversationId, seq - 1);
        }
    }

    /// <summary><c>queue.updated</c> for agents: a conversation joined or left the waiting queue.</summary>
    private static ServerFrame? QueueChange(long seq, IConversationEvent @event) => @event switch
    {
        HumanRequested e => ServerFrame.Create("queue.updated", new { e.ConversationId, Seq = seq, Change = "added", e.Reason, WaitingSince = e.At }),
        HumanRequestCancelled or TimedOutToAI or AgentTookOver { Episode: not null } or ConversationClosed { Episode: not null } =>
            ServerFrame.Create("queue.updated", new { @event.ConversationId, Seq = seq, Change = "removed", Cause = CauseOf(@event) }),
        _ => null,
    };

    private static string CauseOf(IConversationEvent @event) => @event switch
    {
        HumanRequestCancelled => "cancelled",
        TimedOutToAI => "timed_out",
        AgentTookOver => "taken_over",
        _ => "closed",
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "The real-time feed failed; it goes on from where it was")]
    private static partial void LogFailure(ILogger logger, Exception exception);
}

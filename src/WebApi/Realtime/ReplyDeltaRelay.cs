using ChatClean.Application.Abstractions.Ai;

namespace ChatClean.WebApi.Realtime;

/// <summary>
/// AI replies as they are written: every node hears the deltas of every reply (whichever node runs it) and sends
/// them as <c>message.delta</c> frames to its connections that follow the conversation. Deltas are not stored; the
/// finished reply arrives as a normal <c>message</c> with the same id.
/// </summary>
public sealed class ReplyDeltaRelay(IReplyChannel replies, ConnectionManager connections) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        replies.Subscribe(delta =>
        {
            ServerFrame? frame = null;
            foreach (var connection in connections.FollowersOf(delta.ConversationId))
            {
                if (connection.IsSubscribed(delta.ConversationId))
                {
                    frame ??= ServerFrame.Create(
                        "message.delta",
                        new { delta.ConversationId, delta.ReplyId, delta.Index, delta.Text, Done = delta.Outcome is not null and not "reset", delta.Outcome });
                    connection.Send(frame);
                }
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using System.Threading.Channels;
using ChatClean.Application.Abstractions.ReadModels;
using ChatClean.Domain.Users;

namespace ChatClean.WebApi.Realtime;

/// <summary>
/// Tells waiting customers where they stand: whenever the queue moves (a conversation joins or leaves it), every
/// customer connected to this node whose conversation is waiting gets a <c>queue.position</c> frame with their
/// place and expected wait. Moves that arrive together are answered once, from the read models once they hold the
/// latest move.
/// </summary>
public sealed partial class QueuePositionNotifier(ConnectionManager connections, IServiceScopeFactory scopes, ILogger<QueuePositionNotifier> logger)
    : BackgroundService
{
    private static readonly TimeSpan ReadModelWait = TimeSpan.FromSeconds(2);

    private readonly Channel<(Guid ConversationId, long Seq)> _moves =
        Channel.CreateUnbounded<(Guid, long)>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>The conversation joined or left the queue with the event at <paramref name="seq"/>.</summary>
    public void QueueMoved(Guid conversationId, long seq) => _moves.Writer.TryWrite((conversationId, seq));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _moves.Reader.WaitToReadAsync(stoppingToken))
            {
                (Guid ConversationId, long Seq) latest = default;
                while (_moves.Reader.TryRead(out var move))
                {
                    latest = move;
                }

                try
                {
                    await NotifyAsync(latest.ConversationId, latest.Seq, stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogFailure(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task NotifyAsync(Guid conversationId, long seq, CancellationToken cancellationToken)
    {
        if (!connections.HasCustomers)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();

        // The read models apply the log in order: once they hold the latest move, they hold every earlier one.
        await scope.ServiceProvider.GetRequiredService<IConversationReadModel>().WaitForVersionAsync(conversationId, seq, ReadModelWait, cancellationToken);
        var positions = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new GetWaitingPositionsQuery(), cancellationToken);
        foreach (var position in positions)
        {
            ServerFrame? frame = null;
            foreach (var connection in connections.OfUser(position.CustomerId))
            {
                frame ??= Frame(position);
                connection.Send(frame);
            }
        }
    }

    public static ServerFrame Frame(QueuePosition position) => ServerFrame.Create(
        "queue.position",
        new
        {
            position.ConversationId,
            position.Episode,
            position.Position,
            position.QueueLength,
            position.WaitingSince,
            position.WaitedSeconds,
            position.ExpectedWaitSeconds,
            position.TimesOutAt,
        });

    [LoggerMessage(Level = LogLevel.Error, Message = "Queue positions could not be sent")]
    private static partial void LogFailure(ILogger logger, Exception exception);
}

using ChatClean.Application.Common;
using ChatClean.Domain.Conversations;
using Mediator;
using Microsoft.Extensions.Options;

namespace ChatClean.Application.Conversations;

/// <summary>
/// The wait of <see cref="Episode"/> is over: if that episode is still waiting, the conversation falls back to the
/// AI (<c>TimedOutToAI</c>, with the configured notice to the customer in the same append); otherwise nothing
/// happens. Sent by the timeout scheduler, never over HTTP.
/// </summary>
[NoCaller("Sent by the waiting-timeout job.")]
public sealed record TimeOutWaitingCommand(Guid ConversationId, int Episode) : ICommand<ConversationChanged>;

public sealed class TimeOutWaitingHandler(ConversationStreams streams, TimeProvider clock, IOptions<ConversationOptions> options)
    : ICommandHandler<TimeOutWaitingCommand, ConversationChanged>
{
    public async ValueTask<ConversationChanged> Handle(TimeOutWaitingCommand command, CancellationToken cancellationToken)
    {
        var text = options.Value.TimeoutNotice;
        var notice = string.IsNullOrWhiteSpace(text) ? null : new SystemNotice(Guid.CreateVersion7(), MessageBody.Create(text));
        var change = await streams.ExecuteAsync(
            new ConversationId(command.ConversationId),
            loaded => loaded.State.Exists ? new TimeOutToAi(command.Episode, clock.GetUtcNow(), notice) : throw ConversationAccess.NotFound(),
            cancellationToken);
        return ConversationChanged.From(change);
    }
}

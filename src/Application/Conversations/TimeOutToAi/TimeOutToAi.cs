using Microsoft.Extensions.Options;

namespace ChatClean.Application.Conversations;

/// <summary>
/// The wait of <see cref="Episode"/> is over: if that episode is still waiting, the conversation falls back to the
/// AI (<c>TimedOutToAi</c>, with the configured notice to the customer in the same append); otherwise nothing
/// happens. Sent by the waiting-timeout job, never over HTTP.
/// </summary>
[NoCaller("Sent by the waiting-timeout job.")]
public sealed record TimeOutToAiCommand(Guid ConversationId, int Episode) : IConversationRequest, ICommand<ConversationChanged>;

public sealed class TimeOutToAiHandler(ConversationWriter writer, IOptions<ConversationOptions> options) : ICommandHandler<TimeOutToAiCommand, ConversationChanged>
{
    public async ValueTask<ConversationChanged> Handle(TimeOutToAiCommand command, CancellationToken cancellationToken)
    {
        var text = options.Value.TimeoutNotice;
        var notice = string.IsNullOrWhiteSpace(text) ? null : new SystemNotice(Guid.CreateVersion7(), MessageBody.Create(text));
        return ConversationChanged.From(await writer.ExecuteAsync(
            new ConversationId(command.ConversationId), Actor.System, (_, now) => new TimeOutToAi(command.Episode, now, notice), cancellationToken));
    }
}

using ChatClean.Application.Common;
using ChatClean.Domain.Conversations;
using Mediator;

namespace ChatClean.Application.Conversations;

/// <summary>Ends the conversation: its customer, an agent (the holder, while one holds it) or an admin.</summary>
[RequiresPermission(Permissions.ConversationsParticipate)]
public sealed record CloseCommand(Caller Caller, Guid ConversationId) : ICallerRequest, ICommand<ConversationChanged>;

public sealed class CloseHandler(ConversationStreams streams, TimeProvider clock)
    : ICommandHandler<CloseCommand, ConversationChanged>
{
    public async ValueTask<ConversationChanged> Handle(CloseCommand command, CancellationToken cancellationToken)
    {
        var change = await streams.ExecuteAsync(
            new ConversationId(command.ConversationId),
            loaded =>
            {
                loaded.EnsureVisibleTo(command.Caller);
                return new Close(command.Caller.ToActor(), clock.GetUtcNow());
            },
            cancellationToken);
        return ConversationChanged.From(change);
    }
}

using ChatClean.Application.Common;
using ChatClean.Domain.Conversations;
using ChatClean.Domain.Users;
using Mediator;

namespace ChatClean.Application.Conversations;

/// <summary>The customer (or an admin) no longer wants a human: the conversation goes back to the AI.</summary>
[RequiresPermission(Permissions.ConversationsCancelRequest)]
public sealed record CancelHumanRequestCommand(Caller Caller, Guid ConversationId) : ICallerRequest, ICommand<ConversationChanged>;

public sealed class CancelHumanRequestHandler(ConversationStreams streams, TimeProvider clock)
    : ICommandHandler<CancelHumanRequestCommand, ConversationChanged>
{
    public async ValueTask<ConversationChanged> Handle(CancelHumanRequestCommand command, CancellationToken cancellationToken)
    {
        var change = await streams.ExecuteAsync(
            new ConversationId(command.ConversationId),
            loaded =>
            {
                loaded.EnsureVisibleTo(command.Caller);
                return new CancelHumanRequest(command.Caller.ToActor(), clock.GetUtcNow());
            },
            cancellationToken);
        return ConversationChanged.From(change);
    }
}

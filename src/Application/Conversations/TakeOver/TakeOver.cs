using ChatClean.Application.Common;
using ChatClean.Domain.Conversations;
using ChatClean.Domain.Users;
using Mediator;

namespace ChatClean.Application.Conversations;

/// <summary>An agent takes the conversation. Of two agents at the same moment, the first append wins; the other gets 409.</summary>
[RequiresPermission(Permissions.ConversationsTakeover)]
public sealed record TakeOverCommand(Caller Caller, Guid ConversationId) : ICallerRequest, ICommand<ConversationChanged>;

public sealed class TakeOverHandler(ConversationStreams streams, TimeProvider clock)
    : ICommandHandler<TakeOverCommand, ConversationChanged>
{
    public async ValueTask<ConversationChanged> Handle(TakeOverCommand command, CancellationToken cancellationToken)
    {
        var change = await streams.ExecuteAsync(
            new ConversationId(command.ConversationId),
            loaded =>
            {
                loaded.EnsureVisibleTo(command.Caller);
                return new TakeOver(command.Caller.UserId, clock.GetUtcNow());
            },
            cancellationToken);
        return ConversationChanged.From(change);
    }
}

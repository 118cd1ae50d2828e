using ChatClean.Application.Common;
using ChatClean.Domain.Conversations;
using ChatClean.Domain.Users;
using Mediator;

namespace ChatClean.Application.Conversations;

/// <summary>The agent holding the conversation hands it back to the AI (<c>HumanSessionEnded</c>).</summary>
[RequiresPermission(Permissions.ConversationsTakeover)]
public sealed record ReleaseCommand(Caller Caller, Guid ConversationId) : ICallerRequest, ICommand<ConversationChanged>;

public sealed class ReleaseHandler(ConversationStreams streams, TimeProvider clock)
    : ICommandHandler<ReleaseCommand, ConversationChanged>
{
    public async ValueTask<ConversationChanged> Handle(ReleaseCommand command, CancellationToken cancellationToken)
    {
        var change = await streams.ExecuteAsync(
            new ConversationId(command.ConversationId),
            loaded =>
            {
                loaded.EnsureVisibleTo(command.Caller);
                return new ReleaseToAi(command.Caller.UserId, clock.GetUtcNow());
            },
            cancellationToken);
        return ConversationChanged.From(change);
    }
}

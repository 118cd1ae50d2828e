using ChatClean.Application.Common;
using ChatClean.Domain.Conversations;
using ChatClean.Domain.Users;
using Mediator;

namespace ChatClean.Application.Conversations;

/// <summary>
/// Asks for a human: the conversation waits in the agents' queue. A customer's request has the reason
/// <c>customer_asked</c>; staff requesting through the API give <c>api</c>.
/// </summary>
[RequiresPermission(Permissions.ConversationsParticipate)]
public sealed record RequestHumanCommand(Caller Caller, Guid ConversationId) : ICallerRequest, ICommand<ConversationChanged>;

public sealed class RequestHumanHandler(ConversationStreams streams, TimeProvider clock)
    : ICommandHandler<RequestHumanCommand, ConversationChanged>
{
    public async ValueTask<ConversationChanged> Handle(RequestHumanCommand command, CancellationToken cancellationToken)
    {
        var reason = command.Caller.Role == UserRole.Customer ? HandoffReason.CustomerAsked : HandoffReason.Api;
        var change = await streams.ExecuteAsync(
            new ConversationId(command.ConversationId),
            loaded =>
            {
                loaded.EnsureVisibleTo(command.Caller);
                return new RequestHuman(reason, command.Caller.ToActor(), clock.GetUtcNow());
            },
            cancellationToken);
        return ConversationChanged.From(change);
    }
}

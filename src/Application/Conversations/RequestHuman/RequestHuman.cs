namespace ChatClean.Application.Conversations;

/// <summary>
/// Asks for a human: the conversation waits in the agents' queue. A customer's request has the reason
/// <c>customer_asked</c>; staff requesting through the API give <c>api</c>.
/// </summary>
[RequiresPermission(Permissions.ConversationsParticipate)]
public sealed record RequestHumanCommand(Caller Caller, Guid ConversationId) : IConversationChange
{
    public ConversationCommand ToDomain(DateTimeOffset now) =>
        new RequestHuman(Caller.Role == UserRole.Customer ? HandoffReason.CustomerAsked : HandoffReason.Api, Caller.ToActor(), now);
}

public sealed class RequestHumanHandler(ConversationWriter writer) : ConversationChangeHandler<RequestHumanCommand>(writer);

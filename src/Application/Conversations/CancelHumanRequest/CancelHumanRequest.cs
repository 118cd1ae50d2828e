namespace ChatClean.Application.Conversations;

/// <summary>The customer (or an admin) no longer wants a human: the conversation goes back to the AI.</summary>
[RequiresPermission(Permissions.ConversationsCancelRequest)]
public sealed record CancelHumanRequestCommand(Caller Caller, Guid ConversationId) : IConversationChange
{
    public ConversationCommand ToDomain(DateTimeOffset now) => new CancelHumanRequest(Caller.ToActor(), now);
}

public sealed class CancelHumanRequestHandler(ConversationWriter writer) : ConversationChangeHandler<CancelHumanRequestCommand>(writer);

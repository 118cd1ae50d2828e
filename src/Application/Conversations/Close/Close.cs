namespace ChatClean.Application.Conversations;

/// <summary>Ends the conversation: its customer, an agent (the holder, while one holds it) or an admin.</summary>
[RequiresPermission(Permissions.ConversationsParticipate)]
public sealed record CloseCommand(Caller Caller, Guid ConversationId) : IConversationChange
{
    public ConversationCommand ToDomain(DateTimeOffset now) => new Close(Caller.ToActor(), now);
}

public sealed class CloseHandler(ConversationWriter writer) : ConversationChangeHandler<CloseCommand>(writer);

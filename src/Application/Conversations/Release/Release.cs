namespace ChatClean.Application.Conversations;

/// <summary>The agent holding the conversation releases it to the AI (<c>ConversationReleased</c>).</summary>
[RequiresPermission(Permissions.ConversationsTakeover)]
public sealed record ReleaseCommand(Caller Caller, Guid ConversationId) : IConversationChange
{
    public ConversationCommand ToDomain(DateTimeOffset now) => new Release(Caller.UserId, now);
}

public sealed class ReleaseHandler(ConversationWriter writer) : ConversationChangeHandler<ReleaseCommand>(writer);

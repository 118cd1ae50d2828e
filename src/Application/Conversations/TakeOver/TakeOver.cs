namespace ChatClean.Application.Conversations;

/// <summary>An agent takes the conversation. Of two agents at the same moment, the first append wins; the other gets 409.</summary>
[RequiresPermission(Permissions.ConversationsTakeover)]
public sealed record TakeOverCommand(Caller Caller, Guid ConversationId) : IConversationChange
{
    public ConversationCommand ToDomain(DateTimeOffset now) => new TakeOver(Caller.UserId, now);
}

public sealed class TakeOverHandler(ConversationWriter writer) : ConversationChangeHandler<TakeOverCommand>(writer);

namespace ChatClean.Application.Conversations;

/// <summary>Who may see a conversation: its own customer, and callers who may read every conversation. To others it does not exist.</summary>
public static class ConversationVisibility
{
    public static bool CanSee(Caller caller, Guid customerId) =>
        caller.Has(Permissions.ConversationsReadAll) || (caller.Has(Permissions.ConversationsReadOwn) && customerId == caller.UserId.Value);

    public static NotFoundException NotFound() => new("conversation.not_found", "No such conversation.");
}

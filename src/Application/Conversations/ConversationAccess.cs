using ChatClean.Application.Common;

namespace ChatClean.Application.Conversations;

/// <summary>Who may see a conversation: its own customer, and staff. Others are told it does not exist.</summary>
public static class ConversationAccess
{
    public static LoadedConversation EnsureVisibleTo(this LoadedConversation loaded, Caller caller)
    {
        var visible = loaded.State.Exists && (caller.IsStaff || loaded.State.CustomerId == caller.UserId);
        return visible ? loaded : throw NotFound();
    }

    public static NotFoundException NotFound() => new("conversation.not_found", "No such conversation.");
}

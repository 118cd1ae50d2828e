using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Application.Common;
using ChatClean.Domain.Conversations;

namespace ChatClean.Application.Conversations;

/// <summary>Who may see a conversation: its own customer, and callers who may read all conversations. Others are told it does not exist.</summary>
public static class ConversationAccess
{
    public static LoadedConversation EnsureVisibleTo(this LoadedConversation loaded, Caller caller)
    {
        var visible = loaded.State.Exists && (caller.Has(Permissions.ConversationsReadAll) || loaded.State.CustomerId == caller.UserId);
        return visible ? loaded : throw NotFound();
    }

    /// <summary>Reads the conversation's first event and checks that <paramref name="caller"/> may see it, without loading the whole stream.</summary>
    public static async Task EnsureVisibleAsync(IEventStore eventStore, Caller caller, Guid conversationId, CancellationToken cancellationToken)
    {
        var first = await eventStore.ReadStreamAsync(new ConversationId(conversationId).StreamName, 1, 1, cancellationToken);
        if (first is not [var start] ||
            ConversationEventSerializer.Deserialize(start) is not ConversationStarted started ||
            (!caller.Has(Permissions.ConversationsReadAll) && started.CustomerId != caller.UserId.Value))
        {
            throw NotFound();
        }
    }

    public static NotFoundException NotFound() => new("conversation.not_found", "No such conversation.");
}

using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Application.Common;
using ChatClean.Domain.Conversations;

namespace ChatClean.Application.Conversations;

/// <summary>Who may see a conversation: its own customer, and callers who may read all conversations. Others are told it does not exist.</summary>
public static class ConversationAccess
{
    public static LoadedConversation EnsureVisibleTo(this LoadedConversation loaded, Caller caller)
    {
        return loaded.State.Exists && CanSee(caller, loaded.State.CustomerId.Value) ? loaded : throw NotFound();
    }

    /// <summary>Reads the conversation's first event and checks that <paramref name="caller"/> may see it, without loading the whole stream.</summary>
    public static async Task EnsureVisibleAsync(IEventStore eventStore, Caller caller, Guid conversationId, CancellationToken cancellationToken)
    {
        var first = await eventStore.ReadStreamAsync(new ConversationId(conversationId).StreamName, 1, 1, cancellationToken);
        if (first is not [var start] ||
            ConversationEventSerializer.Deserialize(start) is not ConversationStarted started ||
            !CanSee(caller, started.CustomerId))
        {
            throw NotFound();
        }
    }

    /// <summary>Callers who read all conversations see any; callers who read their own see those they are the customer of.</summary>
    private static bool CanSee(Caller caller, Guid customerId) =>
        caller.Has(Permissions.ConversationsReadAll) || (caller.Has(Permissions.ConversationsReadOwn) && customerId == caller.UserId.Value);

    public static NotFoundException NotFound() => new("conversation.not_found", "No such conversation.");
}

namespace ChatClean.Domain.Conversations;

public readonly record struct ConversationId(Guid Value)
{
    public static ConversationId New() => new(Guid.CreateVersion7());

    /// <summary>The event-store stream that holds this conversation's history.</summary>
    public string StreamName => $"Conversation-{Value:N}";

    public override string ToString() => Value.ToString();
}

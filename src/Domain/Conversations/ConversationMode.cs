namespace ChatClean.Domain.Conversations;

/// <summary>Who answers the customer. <see cref="None"/> is the state before <c>ConversationStarted</c>.</summary>
public enum ConversationMode
{
    None,
    Ai,
    Waiting,
    Human,
    Closed,
}

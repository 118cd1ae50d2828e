namespace ChatClean.Domain.Conversations;

/// <summary>
/// Which parts of a conversation's events are a customer's personal texts: the subject, message bodies and the
/// feedback comment. Erasure removes exactly these; ids, times, ratings and modes stay, so every count and state
/// folded from the log is the same after it.
/// </summary>
public static class PersonalData
{
    /// <summary>Whether <paramref name="event"/> holds personal text.</summary>
    public static bool IsIn(IConversationEvent @event) => @event switch
    {
        ConversationStarted { Subject: not null } => true,
        MessagePosted { Body.Length: > 0 } => true,
        FeedbackGiven { Comment: not null } => true,
        _ => false,
    };

    /// <summary><paramref name="event"/> without its personal text.</summary>
    public static IConversationEvent Without(IConversationEvent @event) => @event switch
    {
        ConversationStarted e => e with { Subject = null },
        MessagePosted e => e with { Body = string.Empty },
        FeedbackGiven e => e with { Comment = null },
        _ => @event,
    };
}

namespace ChatClean.Domain.Conversations;

/// <summary>Records that the conversation's personal texts were erased (<paramref name="Events"/> events rewritten); allowed in any mode.</summary>
public sealed record ErasePersonalData(Actor By, int Events, DateTimeOffset At) : ConversationCommand(At);

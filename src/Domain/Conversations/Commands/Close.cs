namespace ChatClean.Domain.Conversations;

/// <summary>The customer, an agent (the holder, while one holds it) or an admin ends the conversation.</summary>
public sealed record Close(Actor By, DateTimeOffset At) : ConversationCommand(At);

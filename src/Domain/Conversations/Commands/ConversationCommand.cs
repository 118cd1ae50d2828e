namespace ChatClean.Domain.Conversations;

/// <summary>A request to change a conversation. Every command carries the time it is decided at: the domain never reads a clock.</summary>
public abstract record ConversationCommand(DateTimeOffset At);

namespace ChatClean.Domain.Conversations;

/// <summary>The customer (or an admin) no longer wants a human.</summary>
public sealed record CancelHumanRequest(Actor By, DateTimeOffset At) : ConversationCommand(At);

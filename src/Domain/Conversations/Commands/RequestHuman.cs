namespace ChatClean.Domain.Conversations;

/// <summary>Someone asks for a human; while already waiting or with an agent, the request is settled.</summary>
public sealed record RequestHuman(HandoffReason Reason, Actor RequestedBy, DateTimeOffset At) : ConversationCommand(At);

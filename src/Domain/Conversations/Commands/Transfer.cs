using ChatClean.Domain.Common;

namespace ChatClean.Domain.Conversations;

/// <summary>The holder (or an admin) passes the conversation to another agent.</summary>
public sealed record Transfer(Actor By, UserId ToAgentId, DateTimeOffset At) : ConversationCommand(At);

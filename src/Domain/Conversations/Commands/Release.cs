using ChatClean.Domain.Common;

namespace ChatClean.Domain.Conversations;

/// <summary>The agent holding the conversation releases it to the AI.</summary>
public sealed record Release(UserId AgentId, DateTimeOffset At) : ConversationCommand(At);

using ChatClean.Domain.Common;

namespace ChatClean.Domain.Conversations;

/// <summary>An agent takes the conversation, from the AI or from the queue. The first writer wins.</summary>
public sealed record TakeOver(UserId AgentId, DateTimeOffset At) : ConversationCommand(At);

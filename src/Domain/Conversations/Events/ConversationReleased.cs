using ChatClean.Domain.Common;

namespace ChatClean.Domain.Conversations;

/// <summary>The agent holding the conversation released it to the AI (stored under its first name, <c>HumanSessionEnded</c>).</summary>
[EventType("HumanSessionEnded.v1")]
public sealed record ConversationReleased(Guid ConversationId, Guid AgentId, DateTimeOffset At) : IConversationEvent;

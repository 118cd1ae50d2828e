using ChatClean.Domain.Common;

namespace ChatClean.Domain.Conversations;

/// <summary>An agent holds the conversation; <paramref name="Episode"/> is the waiting episode this ends, or null when taken straight from the AI.</summary>
[EventType("AgentTookOver.v1")]
public sealed record AgentTookOver(Guid ConversationId, Guid AgentId, int? Episode, DateTimeOffset At) : IConversationEvent;

using ChatClean.Domain.Common;

namespace ChatClean.Domain.Conversations;

/// <summary>The conversation passed from one agent to another; <paramref name="ById"/> is who transferred it (the holder or an admin).</summary>
[EventType("AgentTransferred.v1")]
public sealed record AgentTransferred(Guid ConversationId, Guid FromAgentId, Guid ToAgentId, Guid? ById, DateTimeOffset At) : IConversationEvent;

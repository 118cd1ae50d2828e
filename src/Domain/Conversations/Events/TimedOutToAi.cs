using ChatClean.Domain.Common;

namespace ChatClean.Domain.Conversations;

/// <summary>Nobody took waiting episode <paramref name="Episode"/> in time: the conversation falls back to the AI.</summary>
[EventType("TimedOutToAI.v1")]
public sealed record TimedOutToAi(Guid ConversationId, int Episode, DateTimeOffset At) : IConversationEvent;

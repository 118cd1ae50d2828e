using ChatClean.Domain.Common;

namespace ChatClean.Domain.Conversations;

/// <summary>The customer rated the closed conversation (CSAT 1–5).</summary>
[EventType("FeedbackGiven.v1")]
public sealed record FeedbackGiven(Guid ConversationId, int Rating, string? Comment, DateTimeOffset At) : IConversationEvent;

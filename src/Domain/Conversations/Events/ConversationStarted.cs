using ChatClean.Domain.Common;

namespace ChatClean.Domain.Conversations;

/// <summary>A customer opened the conversation; the AI answers first.</summary>
[EventType("ConversationStarted.v1")]
public sealed record ConversationStarted(Guid ConversationId, Guid CustomerId, string? Subject, DateTimeOffset At) : IConversationEvent;

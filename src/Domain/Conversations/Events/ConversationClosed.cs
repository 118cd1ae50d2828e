using ChatClean.Domain.Common;

namespace ChatClean.Domain.Conversations;

/// <summary>The conversation is over; <paramref name="Episode"/> is the waiting episode it ended, if it was waiting.</summary>
[EventType("ConversationClosed.v1")]
public sealed record ConversationClosed(Guid ConversationId, ActorKind ClosedBy, Guid? ClosedById, int? Episode, DateTimeOffset At) : IConversationEvent;

using ChatClean.Domain.Common;

namespace ChatClean.Domain.Conversations;

/// <summary>The conversation starts waiting for a human; <paramref name="Episode"/> numbers the waiting episodes 1, 2, ….</summary>
[EventType("HumanRequested.v1")]
public sealed record HumanRequested(
    Guid ConversationId,
    int Episode,
    HandoffReason Reason,
    ActorKind RequestedBy,
    Guid? RequestedById,
    DateTimeOffset At) : IConversationEvent;

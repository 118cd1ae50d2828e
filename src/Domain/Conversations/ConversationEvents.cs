namespace ChatClean.Domain.Conversations;

/// <summary>
/// Something that happened to a conversation. Events are immutable values (no entity objects) so their
/// JSON form stays stable; each has a versioned wire name in <see cref="ConversationEventTypes"/>.
/// </summary>
public interface IConversationEvent
{
    Guid ConversationId { get; }

    DateTimeOffset At { get; }
}

public sealed record ConversationStarted(Guid ConversationId, Guid CustomerId, string? Subject, DateTimeOffset At) : IConversationEvent;

public sealed record MessagePosted(
    Guid ConversationId,
    Guid MessageId,
    SenderKind Sender,
    Guid? SenderId,
    string Body,
    string? ClientMessageId,
    DateTimeOffset At) : IConversationEvent;

/// <summary>The conversation starts waiting for a human; <paramref name="Episode"/> numbers the waiting episodes 1, 2, ….</summary>
public sealed record HumanRequested(
    Guid ConversationId,
    int Episode,
    HandoffReason Reason,
    ActorKind RequestedBy,
    Guid? RequestedById,
    DateTimeOffset At) : IConversationEvent;

public sealed record HumanRequestCancelled(Guid ConversationId, int Episode, DateTimeOffset At) : IConversationEvent;

/// <summary>An agent holds the conversation; <paramref name="Episode"/> is the waiting episode this ends, or null when taken straight from the AI.</summary>
public sealed record AgentTookOver(Guid ConversationId, Guid AgentId, int? Episode, DateTimeOffset At) : IConversationEvent;

public sealed record TimedOutToAI(Guid ConversationId, int Episode, DateTimeOffset At) : IConversationEvent;

public sealed record HumanSessionEnded(Guid ConversationId, Guid AgentId, DateTimeOffset At) : IConversationEvent;

public sealed record AgentTransferred(Guid ConversationId, Guid FromAgentId, Guid ToAgentId, Guid? ById, DateTimeOffset At) : IConversationEvent;

/// <summary>The conversation is over; <paramref name="Episode"/> is the waiting episode it ended, if it was waiting.</summary>
public sealed record ConversationClosed(Guid ConversationId, ActorKind ClosedBy, Guid? ClosedById, int? Episode, DateTimeOffset At) : IConversationEvent;

public sealed record FeedbackGiven(Guid ConversationId, int Rating, string? Comment, DateTimeOffset At) : IConversationEvent;

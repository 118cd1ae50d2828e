using ChatClean.Domain.Common;

namespace ChatClean.Domain.Conversations;

/// <summary>A message; its seq is the event's place in the stream. <paramref name="ClientMessageId"/> is the sender's idempotency key.</summary>
[EventType("MessagePosted.v1")]
public sealed record MessagePosted(
    Guid ConversationId,
    Guid MessageId,
    SenderKind Sender,
    Guid? SenderId,
    string Body,
    string? ClientMessageId,
    DateTimeOffset At) : IConversationEvent;

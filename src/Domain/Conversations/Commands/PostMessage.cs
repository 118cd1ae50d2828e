namespace ChatClean.Domain.Conversations;

/// <summary>A customer or agent message (or a service one): a retry with the same <paramref name="ClientMessageId"/> is answered with the original.</summary>
public sealed record PostMessage(Guid MessageId, Actor Sender, MessageBody Body, string? ClientMessageId, DateTimeOffset At) : ConversationCommand(At);

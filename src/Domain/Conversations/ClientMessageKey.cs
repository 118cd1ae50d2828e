namespace ChatClean.Domain.Conversations;

/// <summary>The idempotency key of a posted message: client message ids are unique per sender, not per conversation.</summary>
public readonly record struct ClientMessageKey(SenderKind Sender, Guid? SenderId, string ClientMessageId);

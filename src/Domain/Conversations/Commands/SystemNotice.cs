namespace ChatClean.Domain.Conversations;

/// <summary>A message the service posts as <c>system</c>, with the id it will have.</summary>
public sealed record SystemNotice(Guid MessageId, MessageBody Body);

namespace ChatClean.Application.Abstractions.ReadModels;

/// <summary>A message of an admin transcript.</summary>
public sealed record TranscriptMessage(long Seq, Guid MessageId, SenderKind Sender, Guid? SenderId, string Body, string? ClientMessageId, DateTimeOffset PostedAt);

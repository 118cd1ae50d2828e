namespace ChatClean.Application.Abstractions.ReadModels;

/// <summary>An open waiting episode in the queue.</summary>
public sealed record WaitingEntry(Guid ConversationId, int Episode, Guid CustomerId, string? Subject, HandoffReason Reason, DateTimeOffset RequestedAt);

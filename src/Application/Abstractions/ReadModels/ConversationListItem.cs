namespace ChatClean.Application.Abstractions.ReadModels;

/// <summary>A conversation in a list (a customer's own, an agent's, the admin search).</summary>
public sealed record ConversationListItem(
    Guid Id,
    Guid CustomerId,
    ConversationMode Mode,
    Guid? AgentId,
    string? Subject,
    long Version,
    DateTimeOffset StartedAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? LastMessageAt,
    int MessageCount,
    MessageCounts MessagesBySender,
    int HandoffCount,
    int TakeoverCount,
    HandoffReason? WaitingReason,
    DateTimeOffset? WaitingSince,
    int? FeedbackRating)
{
    public static ConversationListItem From(ConversationSummary summary) => new(
        summary.Id,
        summary.CustomerId,
        summary.Mode,
        summary.AgentId,
        summary.Subject,
        summary.Version,
        summary.StartedAt,
        summary.ClosedAt,
        summary.LastMessageAt,
        summary.Messages.Total,
        summary.Messages,
        summary.HandoffCount,
        summary.TakeoverCount,
        summary.Waiting?.Reason,
        summary.Waiting?.Since,
        summary.FeedbackRating);
}

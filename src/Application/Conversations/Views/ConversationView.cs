namespace ChatClean.Application.Conversations;

/// <summary>A conversation as clients see it. <see cref="Version"/> is the seq of its last event.</summary>
public sealed record ConversationView(
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
    WaitingView? Waiting,
    int? FeedbackRating)
{
    public static ConversationView From(ConversationSummary summary) => new(
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
        summary.Waiting,
        summary.FeedbackRating);
}

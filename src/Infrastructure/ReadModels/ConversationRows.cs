namespace ChatClean.Infrastructure.ReadModels;

/// <summary>The conversation summary as a row of <c>rm_conversations</c>, and back: the read model stores the read side's fold.</summary>
public static class ConversationRows
{
    public static ConversationSummary ToSummary(ConversationRow row) => new()
    {
        Id = row.Id,
        CustomerId = row.CustomerId,
        Subject = row.Subject,
        Mode = WireNames.Parse<ConversationMode>(row.Mode),
        AgentId = row.AgentId,
        Version = row.Version,
        StartedAt = Utc(row.StartedAt),
        ClosedAt = Utc(row.ClosedAt),
        ClosedBy = row.ClosedBy is { } closedBy ? WireNames.Parse<ActorKind>(closedBy) : null,
        LastMessageAt = Utc(row.LastMessageAt),
        Messages = new MessageCounts(row.CustomerMessages, row.AiMessages, row.AgentMessages, row.SystemMessages),
        FirstCustomerMessageAt = Utc(row.FirstCustomerMessageAt),
        FirstAiReplyAt = Utc(row.FirstAiReplyAt),
        HandoffCount = row.HandoffCount,
        FirstHandoffReason = row.FirstHandoffReason is { } first ? WireNames.Parse<HandoffReason>(first) : null,
        TakeoverCount = row.TakeoverCount,
        CurrentEpisode = row.CurrentEpisode,
        Waiting = row is { WaitingReason: { } reason, WaitingSince: { } since }
            ? new WaitingView(row.CurrentEpisode, WireNames.Parse<HandoffReason>(reason), Utc(since))
            : null,
        FeedbackRating = row.FeedbackRating,
        FeedbackComment = row.FeedbackComment,
        FeedbackAt = Utc(row.FeedbackAt),
    };

    public static ConversationRow NewRow(ConversationSummary summary) => Copy(summary, new ConversationRow { Mode = WireNames.Of(summary.Mode) });

    public static ConversationRow Copy(ConversationSummary summary, ConversationRow row)
    {
        row.Id = summary.Id;
        row.CustomerId = summary.CustomerId;
        row.Subject = summary.Subject;
        row.Mode = WireNames.Of(summary.Mode);
        row.AgentId = summary.AgentId;
        row.Version = summary.Version;
        row.StartedAt = summary.StartedAt.UtcDateTime;
        row.ClosedAt = summary.ClosedAt?.UtcDateTime;
        row.ClosedBy = summary.ClosedBy is { } closedBy ? WireNames.Of(closedBy) : null;
        row.LastMessageAt = summary.LastMessageAt?.UtcDateTime;
        row.MessageCount = summary.Messages.Total;
        row.CustomerMessages = summary.Messages.Customer;
        row.AiMessages = summary.Messages.Ai;
        row.AgentMessages = summary.Messages.Agent;
        row.SystemMessages = summary.Messages.System;
        row.FirstCustomerMessageAt = summary.FirstCustomerMessageAt?.UtcDateTime;
        row.FirstAiReplyAt = summary.FirstAiReplyAt?.UtcDateTime;
        row.HandoffCount = summary.HandoffCount;
        row.FirstHandoffReason = summary.FirstHandoffReason is { } first ? WireNames.Of(first) : null;
        row.TakeoverCount = summary.TakeoverCount;
        row.CurrentEpisode = summary.CurrentEpisode;
        row.WaitingReason = summary.Waiting is { } waiting ? WireNames.Of(waiting.Reason) : null;
        row.WaitingSince = summary.Waiting?.Since.UtcDateTime;
        row.FeedbackRating = summary.FeedbackRating;
        row.FeedbackComment = summary.FeedbackComment;
        row.FeedbackAt = summary.FeedbackAt?.UtcDateTime;
        return row;
    }

    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    public static DateTimeOffset? Utc(DateTime? value) => value is { } v ? Utc(v) : null;
}

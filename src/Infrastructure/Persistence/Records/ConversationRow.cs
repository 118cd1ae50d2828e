namespace ChatClean.Infrastructure.Persistence;

/// <summary>One row per conversation in the read model, projected from the event log.</summary>
public sealed class ConversationRow
{
    public Guid Id { get; set; }

    public Guid CustomerId { get; set; }

    public Guid? AgentId { get; set; }

    public required string Mode { get; set; }

    public string? Subject { get; set; }

    /// <summary>The seq of the last event applied: the conversation's version.</summary>
    public long Version { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime? ClosedAt { get; set; }

    public string? ClosedBy { get; set; }

    public DateTime? LastMessageAt { get; set; }

    public int MessageCount { get; set; }

    public int CustomerMessages { get; set; }

    public int AiMessages { get; set; }

    public int AgentMessages { get; set; }

    public int SystemMessages { get; set; }

    public DateTime? FirstCustomerMessageAt { get; set; }

    /// <summary>The first AI reply after the first customer message (the end of the AI's first response time).</summary>
    public DateTime? FirstAiReplyAt { get; set; }

    /// <summary>How many times a human was requested (waiting episodes opened).</summary>
    public int HandoffCount { get; set; }

    public string? FirstHandoffReason { get; set; }

    public int TakeoverCount { get; set; }

    public int CurrentEpisode { get; set; }

    public string? WaitingReason { get; set; }

    public DateTime? WaitingSince { get; set; }

    public int? FeedbackRating { get; set; }

    public string? FeedbackComment { get; set; }

    public DateTime? FeedbackAt { get; set; }
}

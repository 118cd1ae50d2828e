namespace ChatClean.Infrastructure.Persistence;

/// <summary>One row per waiting episode: from <c>HumanRequested</c> until takeover, timeout, cancel or close.</summary>
public sealed class WaitingEpisodeRow
{
    public Guid ConversationId { get; set; }

    public int Episode { get; set; }

    public Guid CustomerId { get; set; }

    /// <summary>Copied from the conversation: analytics windows own the conversations that started in them.</summary>
    public DateTime ConversationStartedAt { get; set; }

    public required string Reason { get; set; }

    public DateTime RequestedAt { get; set; }

    public DateTime? EndedAt { get; set; }

    /// <summary><c>taken_over</c>, <c>timed_out</c>, <c>cancelled</c> or <c>closed</c>; null while waiting.</summary>
    public string? Outcome { get; set; }

    public Guid? AgentId { get; set; }

    /// <summary>The first message of the agent who took this episode over (the end of the human first response time).</summary>
    public DateTime? FirstAgentMessageAt { get; set; }
}

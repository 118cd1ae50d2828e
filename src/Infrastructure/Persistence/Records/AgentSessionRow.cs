namespace ChatClean.Infrastructure.Persistence;

/// <summary>One row per stretch of time an agent holds a conversation (from takeover or transfer until release, transfer or close).</summary>
public sealed class AgentSessionRow
{
    public Guid ConversationId { get; set; }

    public int Session { get; set; }

    public Guid AgentId { get; set; }

    public DateTime ConversationStartedAt { get; set; }

    /// <summary><c>takeover</c> or <c>transfer</c>.</summary>
    public required string StartedBy { get; set; }

    /// <summary>The waiting episode a takeover ended; null when taken straight from the AI or received by transfer.</summary>
    public int? Episode { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime? EndedAt { get; set; }

    /// <summary><c>released</c>, <c>transferred</c> or <c>closed</c>; null while the agent holds it.</summary>
    public string? EndedBy { get; set; }

    public DateTime? FirstAgentMessageAt { get; set; }
}

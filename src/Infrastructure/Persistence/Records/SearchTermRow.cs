namespace ChatClean.Infrastructure.Persistence;

/// <summary>One term of the admin text search: a conversation holds it in at least one message (ADR 17).</summary>
public sealed class SearchTermRow
{
    public Guid ConversationId { get; set; }

    public required string Term { get; set; }

    /// <summary>The conversation's start, copied so that the newest conversations holding a term are one index range.</summary>
    public DateTime StartedAt { get; set; }
}

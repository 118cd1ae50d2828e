namespace ChatClean.Infrastructure.Persistence;

// Rows of the relational schema. They are storage shapes, not domain objects: the domain never sees them.

public sealed class UserRecord
{
    public Guid Id { get; set; }

    public required string Username { get; set; }

    public required string DisplayName { get; set; }

    public required string Role { get; set; }

    public required string PasswordHash { get; set; }

    public bool IsDisabled { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Encrypted (<see cref="Security.FieldCipher"/>).</summary>
    public string? Email { get; set; }

    /// <summary>Keyed hash of the normalised email, for lookups.</summary>
    public string? EmailHash { get; set; }

    /// <summary>Encrypted.</summary>
    public string? Phone { get; set; }

    /// <summary>Access tokens issued before this instant are refused (set when an admin disables the account or resets its password).</summary>
    public DateTime? SessionsRevokedAt { get; set; }
}

public sealed class RefreshTokenRecord
{
    public Guid Id { get; set; }

    /// <summary>SHA-256 of the token, hex: the token itself is never stored.</summary>
    public required string TokenHash { get; set; }

    public Guid UserId { get; set; }

    public Guid FamilyId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? UsedAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}

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

/// <summary>One row per message, in seq order within its conversation.</summary>
public sealed class MessageRow
{
    public Guid ConversationId { get; set; }

    public long Seq { get; set; }

    public Guid MessageId { get; set; }

    public required string Sender { get; set; }

    public Guid? SenderId { get; set; }

    public required string Body { get; set; }

    public string? ClientMessageId { get; set; }

    public DateTime PostedAt { get; set; }
}

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

/// <summary>Counts per day for the conversations that started that day (UTC), kept up to date as those conversations go on.</summary>
public sealed class DailyStatsRow
{
    public DateTime Day { get; set; }

    public int Conversations { get; set; }

    public int ConversationsWithCustomerMessage { get; set; }

    public int ConversationsWithHandoff { get; set; }

    public int CustomerMessages { get; set; }

    public int AiMessages { get; set; }

    public int AgentMessages { get; set; }

    public int SystemMessages { get; set; }

    public int Episodes { get; set; }

    public int EpisodesTakenOver { get; set; }

    public int EpisodesTimedOut { get; set; }

    public int EpisodesCancelled { get; set; }

    public int EpisodesClosed { get; set; }

    public int ClosedConversations { get; set; }

    public int AiResolvedConversations { get; set; }

    public int FeedbackCount { get; set; }

    public int FeedbackSum { get; set; }
}

/// <summary>How far a projection has read the event log; written in the same transaction as its read-model changes.</summary>
public sealed class ProjectionCheckpointRecord
{
    public required string Name { get; set; }

    public long Position { get; set; }
}

/// <summary>The shape of <c>es_events</c>, for migrations only: the event store reads and writes it with plain SQL.</summary>
public sealed class EventRow
{
    public long Position { get; set; }

    public required string StreamId { get; set; }

    public long Revision { get; set; }

    public required string EventId { get; set; }

    public required string EventType { get; set; }

    public required string Data { get; set; }

    public string? Metadata { get; set; }

    public long CreatedAt { get; set; }

    public required byte[] Hash { get; set; }
}

/// <summary>The single row <c>es_log_head</c> (id 1): the last position and hash; appends lock it.</summary>
public sealed class LogHeadRow
{
    public int Id { get; set; }

    public long LastPosition { get; set; }

    public required byte[] LastHash { get; set; }
}

/// <summary>A knowledge-base document. Deleting sets <see cref="DeletedAt"/>, so every node's index sync sees the deletion.</summary>
public sealed class KnowledgeDocumentRecord
{
    public Guid Id { get; set; }

    public required string Title { get; set; }

    public required string Content { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? DeletedAt { get; set; }
}

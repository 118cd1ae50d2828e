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

    public long Version { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime? ClosedAt { get; set; }

    public DateTime? LastMessageAt { get; set; }

    public int MessageCount { get; set; }

    public string? WaitingReason { get; set; }

    public DateTime? WaitingSince { get; set; }

    /// <summary>The log position of the last event applied to this row.</summary>
    public long LastPosition { get; set; }
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

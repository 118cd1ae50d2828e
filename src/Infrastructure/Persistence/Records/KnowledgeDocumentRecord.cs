namespace ChatClean.Infrastructure.Persistence;

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

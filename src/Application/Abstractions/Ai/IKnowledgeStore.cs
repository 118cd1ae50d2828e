namespace ChatClean.Application.Abstractions.Ai;

/// <summary>A knowledge-base document as an admin wrote it (Markdown or plain text, any language).</summary>
public sealed record KnowledgeDocument(Guid Id, string Title, string Content, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>Where knowledge-base documents are kept (the database); the index is rebuilt from it.</summary>
public interface IKnowledgeStore
{
    Task AddAsync(KnowledgeDocument document, CancellationToken cancellationToken);

    /// <summary>False when there is no such document.</summary>
    Task<bool> UpdateAsync(Guid id, string title, string content, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>False when there is no such document.</summary>
    Task<bool> DeleteAsync(Guid id, DateTimeOffset at, CancellationToken cancellationToken);

    Task<KnowledgeDocument?> FindAsync(Guid id, CancellationToken cancellationToken);

    Task<IReadOnlyList<KnowledgeDocument>> ListAsync(CancellationToken cancellationToken);
}

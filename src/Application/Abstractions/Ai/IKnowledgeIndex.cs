namespace ChatClean.Application.Abstractions.Ai;

/// <summary>
/// A retrieved passage: part of a document, its full-text score and <see cref="Coverage"/>, the share of the
/// query's distinct terms that occur in it (0–1), which is what confidence is judged on (scores are not comparable
/// between queries).
/// </summary>
public sealed record KnowledgePassage(Guid DocumentId, string Title, int Chunk, string Text, double Score, double Coverage);

/// <summary>The full-text index over the knowledge base (every node keeps its own, fed from the store).</summary>
public interface IKnowledgeIndex
{
    Task<IReadOnlyList<KnowledgePassage>> SearchAsync(string query, int limit, CancellationToken cancellationToken);

    /// <summary>Re-reads one document from the store into this node's index and tells the other nodes to do the same.</summary>
    Task DocumentChangedAsync(Guid documentId, CancellationToken cancellationToken);
}

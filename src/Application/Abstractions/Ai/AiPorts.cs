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

public enum AiRole
{
    Customer,
    Assistant,
}

public sealed record AiTurn(AiRole Role, string Text);

/// <summary>What a model is asked: the system prompt (instructions, retrieved passages, language) and the conversation so far.</summary>
public sealed record AiPrompt(string System, IReadOnlyList<AiTurn> Turns);

/// <summary>A piece of a streamed model answer.</summary>
public abstract record AiUpdate;

public sealed record AiText(string Text) : AiUpdate;

/// <summary>The model asks for a human (a tool call or the handoff marker).</summary>
public sealed record AiHandoff : AiUpdate;

public sealed record AiUsage(long InputTokens, long OutputTokens) : AiUpdate;

/// <summary>A remote chat model (any OpenAI-compatible endpoint). Throws <see cref="AiUnavailableException"/> when it cannot answer.</summary>
public interface IAiModel
{
    IAsyncEnumerable<AiUpdate> StreamAsync(AiPrompt prompt, CancellationToken cancellationToken);
}

/// <summary>The model failed: timed out, answered with errors after retries, dropped the stream, or its circuit is open.</summary>
public sealed class AiUnavailableException(string reason, Exception? inner = null) : Exception($"The AI model is unavailable: {reason}", inner)
{
    public string Reason { get; } = reason;
}

/// <summary>
/// A streamed piece of an AI reply for the customer's screen. <see cref="Outcome"/> is set on the last one:
/// <c>posted</c> (the reply is now a message with id <see cref="ReplyId"/>), <c>dropped</c> (an agent took over),
/// <c>failed</c>. <c>reset</c> tells the client to clear what it showed (the model failed and another answer follows).
/// </summary>
public sealed record ReplyDelta(Guid ConversationId, Guid ReplyId, int Index, string? Text, string? Outcome);

/// <summary>Carries reply deltas to every node (their WebSocket connections show them); lossy, never stored.</summary>
public interface IReplyChannel
{
    void Publish(ReplyDelta delta);

    /// <summary>Every node's deltas, this node's included, as they arrive.</summary>
    void Subscribe(Action<ReplyDelta> handler);
}

namespace ChatClean.Application.Abstractions.Audit;

/// <summary>Where a customer's personal data lies: their account and the texts of the conversations they started (docs/audit.md, erasure).</summary>
public interface IPersonalDataStore
{
    /// <summary>The conversations <paramref name="customerId"/> started, read from the log (the read models may lag behind it).</summary>
    Task<IReadOnlyList<ConversationId>> ConversationsStartedByAsync(UserId customerId, CancellationToken cancellationToken);

    /// <summary>
    /// Rewrites the conversation's stored events that hold personal text (<see cref="PersonalData"/>) without it, each
    /// keeping the digest of what it replaced so the hash chain still holds.
    /// </summary>
    Task<TextErasure> EraseTextsAsync(ConversationId id, CancellationToken cancellationToken);

    /// <summary>Replaces the account's username, display name, email, phone and password with values that identify and open nothing, and disables it; false when there is no such account.</summary>
    Task<bool> EraseAccountAsync(UserId id, CancellationToken cancellationToken);
}

/// <param name="Erased">Events rewritten now.</param>
/// <param name="Kept">Events with personal text that cannot be rewritten: recorded before the chain held payload digests.</param>
/// <param name="Unrecorded">Whether the stream holds erased (or kept) events that no erasure event follows yet: one is to be recorded.</param>
public sealed record TextErasure(int Erased, int Kept, bool Unrecorded);

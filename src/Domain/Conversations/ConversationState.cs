using System.Collections.Immutable;
using ChatClean.Domain.Common;

namespace ChatClean.Domain.Conversations;

/// <summary>
/// What decisions about a conversation need, folded from its events; nothing more.
/// <paramref name="Episode"/> is the number of the latest waiting episode (0 before the first).
/// <paramref name="ClientMessageKeys"/> remembers each sender's client message ids so a retried send posts nothing.
/// </summary>
public sealed record ConversationState(
    ConversationId Id,
    ConversationMode Mode,
    UserId CustomerId,
    UserId? AgentId,
    int Episode,
    CsatRating? Feedback,
    string? FeedbackComment,
    ImmutableHashSet<string> ClientMessageKeys)
{
    public static ConversationState Initial { get; } = new(
        default, ConversationMode.None, default, null, 0, null, null, ImmutableHashSet<string>.Empty.WithComparer(StringComparer.Ordinal));

    public bool Exists => Mode != ConversationMode.None;

    /// <summary>The idempotency key of a client message: client ids are unique per sender, not per conversation.</summary>
    public static string ClientMessageKey(SenderKind sender, Guid? senderId, string clientMessageId) =>
        $"{sender}:{senderId}:{clientMessageId}";
}

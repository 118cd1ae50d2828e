using System.Collections.Immutable;
using ChatClean.Domain.Common;

namespace ChatClean.Domain.Conversations;

/// <summary>
/// What decisions about a conversation need, folded from its events; nothing more. <paramref name="Version"/> is
/// the seq of the last event folded, <paramref name="Episode"/> the number of the latest waiting episode (0 before
/// the first), and <paramref name="ClientMessages"/> the seq of every message posted with a client message id, so a
/// retried send is answered with the original.
/// </summary>
public sealed record ConversationState(
    ConversationId Id,
    ConversationMode Mode,
    UserId CustomerId,
    UserId? AgentId,
    int Episode,
    long Version,
    CsatRating? Feedback,
    string? FeedbackComment,
    ImmutableDictionary<ClientMessageKey, long> ClientMessages)
{
    public static ConversationState Initial { get; } = new(
        default, ConversationMode.None, default, null, 0, 0, null, null, ImmutableDictionary<ClientMessageKey, long>.Empty);

    public bool Exists => Mode != ConversationMode.None;
}

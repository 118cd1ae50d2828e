namespace ChatClean.Application.Abstractions.ReadModels;

/// <summary>The facts of a window. Immutable, so an in-process cache may hand the same instance to every reader.</summary>
[System.ComponentModel.ImmutableObject(true)]
public sealed record AnalyticsFacts(
    IReadOnlyList<ConversationFact> Conversations,
    IReadOnlyList<EpisodeFact> Episodes,
    IReadOnlyList<SessionFact> Sessions);

public sealed record ConversationFact(
    Guid Id,
    DateTimeOffset StartedAt,
    DateTimeOffset? ClosedAt,
    MessageCounts Messages,
    DateTimeOffset? FirstCustomerMessageAt,
    DateTimeOffset? FirstAiReplyAt,
    int HandoffCount,
    HandoffReason? FirstHandoffReason,
    int TakeoverCount,
    int? FeedbackRating);

public sealed record EpisodeFact(
    Guid ConversationId,
    int Episode,
    DateTimeOffset ConversationStartedAt,
    HandoffReason Reason,
    DateTimeOffset RequestedAt,
    DateTimeOffset? EndedAt,
    EpisodeOutcome? Outcome,
    Guid? AgentId,
    DateTimeOffset? FirstAgentMessageAt);

public sealed record SessionFact(
    Guid ConversationId,
    Guid AgentId,
    DateTimeOffset ConversationStartedAt,
    bool ByTakeover,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    DateTimeOffset? FirstAgentMessageAt);

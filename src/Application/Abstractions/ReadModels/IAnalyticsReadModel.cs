using ChatClean.Application.Conversations;
using ChatClean.Domain.Conversations;

namespace ChatClean.Application.Abstractions.ReadModels;

/// <summary>The rows analytics are computed from, for the conversations that started in a window.</summary>
public interface IAnalyticsReadModel
{
    Task<AnalyticsFacts> LoadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Sessions agents hold right now (agent load), by agent.</summary>
    Task<IReadOnlyDictionary<Guid, int>> ActiveSessionsByAgentAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<DailyCounts>> DailyAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken);

    /// <summary>Figures of the moment: conversations waiting, human sessions open, conversations started since <paramref name="since"/>.</summary>
    Task<(int Waiting, int HumanSessions, int StartedSince, DateTimeOffset? OldestWaitingSince)> NowAsync(DateTimeOffset since, CancellationToken cancellationToken);
}

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

/// <summary>A row of the daily aggregates: counts for the conversations that started that day.</summary>
public sealed record DailyCounts(
    DateOnly Day,
    int Conversations,
    int ConversationsWithCustomerMessage,
    int ConversationsWithHandoff,
    MessageCounts Messages,
    int Episodes,
    int EpisodesTakenOver,
    int EpisodesTimedOut,
    int EpisodesCancelled,
    int EpisodesClosed,
    int ClosedConversations,
    int AiResolvedConversations,
    int FeedbackCount,
    int FeedbackSum);

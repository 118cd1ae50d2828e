namespace ChatClean.Application.Abstractions.ReadModels;

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

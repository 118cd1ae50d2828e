namespace ChatClean.Application.Abstractions.ReadModels;

/// <summary>A waiting episode of one conversation, open or ended.</summary>
public sealed record EpisodeSummary(
    int Episode, HandoffReason Reason, DateTimeOffset RequestedAt, DateTimeOffset? EndedAt, EpisodeOutcome? Outcome, Guid? AgentId, DateTimeOffset? FirstAgentMessageAt);

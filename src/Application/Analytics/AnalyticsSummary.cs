namespace ChatClean.Application.Analytics;

public sealed record AnalyticsSummary(
    DateTimeOffset From,
    DateTimeOffset To,
    int Conversations,
    int ConversationsWithCustomerMessage,
    MessageTotals Messages,
    HandoffFigures Handoff,
    EpisodeFigures Episodes,
    WaitTimes WaitTime,
    FirstResponseTimes FirstResponseTime,
    Stats ResolutionTime,
    CountAndRate AiResolution,
    CsatFigures Csat);

public sealed record MessageTotals(MessageCounts Totals, PerConversation PerConversation);

public sealed record PerConversation(Stats Customer, Stats Ai, Stats Agent, Stats System);

public sealed record HandoffFigures(int Conversations, double? Rate, IReadOnlyDictionary<HandoffReason, CountAndRate> ByReason);

/// <summary>Ended episodes by outcome (rates over ended episodes sum to 1); open ones are counted apart.</summary>
public sealed record EpisodeFigures(int Ended, int Open, IReadOnlyDictionary<EpisodeOutcome, CountAndRate> Outcomes);

public sealed record WaitTimes(Stats TakenOver, Stats All);

public sealed record FirstResponseTimes(Stats Ai, Stats Human);

public sealed record CsatFigures(int Responses, double? ResponseRate, double? Average, double? SatisfiedShare, IReadOnlyDictionary<int, int> Distribution);

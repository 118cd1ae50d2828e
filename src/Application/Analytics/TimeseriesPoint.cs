namespace ChatClean.Application.Analytics;

public sealed record TimeseriesPoint(
    DateTimeOffset From,
    DateTimeOffset To,
    int Conversations,
    MessageCounts Messages,
    double? HandoffRate,
    int EpisodesEnded,
    double? TimeoutFallbackRate,
    double? TakeoverRate,
    double? MedianWaitSeconds,
    double? MedianAiFirstResponseSeconds,
    double? MedianHumanFirstResponseSeconds,
    double? AiResolutionRate,
    double? CsatAverage);

namespace ChatClean.Application.Conversations;

/// <summary>How a waiting episode ended (docs/metrics.md). Stored and sent as snake_case: <c>taken_over</c>, <c>timed_out</c>, ….</summary>
public enum EpisodeOutcome
{
    TakenOver,
    TimedOut,
    Cancelled,
    Closed,
}

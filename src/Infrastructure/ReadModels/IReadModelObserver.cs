namespace ChatClean.Infrastructure.ReadModels;

/// <summary>Told, after each commit of the read models, what changed (cache invalidation, waiting readers).</summary>
public interface IReadModelObserver
{
    ValueTask OnCommittedAsync(long position, ReadModelChanges changes, CancellationToken cancellationToken);
}

/// <summary>
/// What a page of events touched (for cache invalidation after the commit), the events applied with their summaries,
/// and the human first response times the page completed (for the business metrics).
/// </summary>
public sealed record ReadModelChanges(IReadOnlyList<Guid> ConversationIds, IReadOnlyList<DateOnly> StartDays)
{
    public static ReadModelChanges None { get; } = new([], []);

    public IReadOnlyList<ProjectedEvent> Events { get; init; } = [];

    /// <summary>From a waiting episode's request to the first message of the agent who took it over.</summary>
    public IReadOnlyList<TimeSpan> HumanFirstResponses { get; init; } = [];
}

namespace ChatClean.Infrastructure.ReadModels;

/// <summary>Told, after each commit of the read models, what changed (cache invalidation, waiting readers).</summary>
public interface IReadModelObserver
{
    ValueTask OnCommittedAsync(long position, ReadModelChanges changes, CancellationToken cancellationToken);
}

/// <summary>What a page of events touched: for cache invalidation after the commit.</summary>
public sealed record ReadModelChanges(IReadOnlyList<Guid> ConversationIds, IReadOnlyList<DateOnly> StartDays)
{
    public static ReadModelChanges None { get; } = new([], []);
}

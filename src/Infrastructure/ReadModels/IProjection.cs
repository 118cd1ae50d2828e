using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Infrastructure.Persistence;

namespace ChatClean.Infrastructure.ReadModels;

/// <summary>A read model fed from the global log. <see cref="ApplyAsync"/> only stages changes: the runner saves them with the checkpoint.</summary>
public interface IProjection
{
    string Name { get; }

    Task<ReadModelChanges> ApplyAsync(ChatCleanDbContext db, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken);
}

/// <summary>Told, after each commit of the projection runner, what changed (cache invalidation, waiting readers).</summary>
public interface IReadModelObserver
{
    ValueTask OnCommittedAsync(long position, ReadModelChanges changes, CancellationToken cancellationToken);
}

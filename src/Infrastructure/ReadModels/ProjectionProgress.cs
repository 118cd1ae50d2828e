using ChatClean.Infrastructure.EventStore;

namespace ChatClean.Infrastructure.ReadModels;

/// <summary>Signals each commit of this node's read models, so a reader waiting for its own write wakes at once.</summary>
public sealed class ProjectionProgress : IReadModelObserver
{
    private readonly AppendSignal _committed = new();

    /// <summary>A task that completes at the next commit of the read models.</summary>
    public Task NextCommit => _committed.Next;

    public ValueTask OnCommittedAsync(long position, ReadModelChanges changes, CancellationToken cancellationToken)
    {
        _committed.Wake();
        return ValueTask.CompletedTask;
    }
}

using ChatClean.Infrastructure.EventStore;

namespace ChatClean.Infrastructure.ReadModels;

/// <summary>How far this node's read models have been committed; lets a reader wait for its own write (bounded).</summary>
public sealed class ProjectionProgress : IReadModelObserver
{
    private readonly AppendSignal _committed = new();
    private long _position;

    public long Position => Interlocked.Read(ref _position);

    /// <summary>A task that completes at the next commit of the read models.</summary>
    public Task NextCommit => _committed.Next;

    public ValueTask OnCommittedAsync(long position, ReadModelChanges changes, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _position, position);
        _committed.Wake();
        return ValueTask.CompletedTask;
    }
}

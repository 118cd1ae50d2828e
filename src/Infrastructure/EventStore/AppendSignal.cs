namespace ChatClean.Infrastructure.EventStore;

/// <summary>
/// Wakes waiters when something was committed. Take <see cref="Next"/> before reading, then wait on it: a commit
/// between the read and the wait still wakes the reader. <see cref="NotifyCommitted"/> is for commits made by
/// this process (it also raises <see cref="Committed"/>, which the Redis bridge forwards to other nodes);
/// <see cref="Wake"/> is for commits other nodes reported.
/// </summary>
public sealed class AppendSignal
{
    private TaskCompletionSource _next = NewSource();

    public event Action? Committed;

    public Task Next => Volatile.Read(ref _next).Task;

    public void NotifyCommitted()
    {
        Wake();
        Committed?.Invoke();
    }

    public void Wake() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

namespace ChatClean.Infrastructure.EventStore;

/// <summary>
/// Wakes subscribers when events were committed. Take <see cref="Next"/> before reading, then wait on it:
/// a commit between the read and the wait still wakes the reader.
/// </summary>
public sealed class AppendSignal
{
    private TaskCompletionSource _next = NewSource();

    public Task Next => Volatile.Read(ref _next).Task;

    public void Notify() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

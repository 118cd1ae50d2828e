namespace ChatClean.Application.Abstractions.Subscriptions;

/// <summary>
/// A consumer of the event log that reacts to what happens now: its live subscription starts at the head of the
/// log when the node starts and hands it every event committed after that, in order, once per node. What it does
/// outside the database is at-least-once, so it must be harmless to repeat.
/// </summary>
public interface IEventReactor
{
    /// <summary>A short name for logs and metrics, such as <c>waiting-timeouts</c>.</summary>
    string Name { get; }

    ValueTask ReactAsync(StoredEvent<IConversationEvent> stored, CancellationToken cancellationToken);
}

/// <summary>
/// A reactor whose effects live outside the log and can be lost (jobs in a job storage): before it follows the log,
/// and again periodically, it makes sure that what the read models show is in place. Reconciling and reacting never
/// run at the same time.
/// </summary>
public interface IReconcilingReactor : IEventReactor
{
    /// <summary>Puts in place whatever the read models say should exist; returns how much had to be.</summary>
    Task<int> ReconcileAsync(CancellationToken cancellationToken);
}

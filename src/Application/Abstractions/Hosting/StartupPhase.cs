namespace ChatClean.Application.Abstractions.Hosting;

/// <summary>
/// The start-up sequence of a node, in order; each phase starts only when the one before has (and stops in reverse).
/// This enum is the one place the order is decided: services name their phase when they register
/// (<see cref="StartupSteps.AddStartupStep{TService}"/>).
/// </summary>
public enum StartupPhase
{
    /// <summary>Keys and ciphers exist and are strong enough, else the node does not start.</summary>
    Checks,

    /// <summary>The database schema is migrated.</summary>
    Migrate,

    /// <summary>Revoked sessions are loaded before the first request is authenticated.</summary>
    Revocations,

    /// <summary>The first admin exists.</summary>
    Accounts,

    /// <summary>Notices between nodes are wired (commits, cache tags, typing, reply deltas, knowledge-base changes).</summary>
    Notices,

    /// <summary>The subscriptions to the event log: the read models, the real-time feed, the reactors.</summary>
    Subscriptions,

    /// <summary>The job server runs the waiting timeouts and the AI replies the reactors armed.</summary>
    Jobs,

    /// <summary>What serves connected clients on top: queue positions, live figures, session and shutdown closes.</summary>
    Realtime,
}

using System.Data.Common;

namespace ChatClean.Infrastructure.EventStore;

/// <summary>What the event store needs from its database engine: connections, the appending transaction and its head lock, and which failures may be retried.</summary>
internal interface IEventLogDatabase
{
    ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Run once on the writer's own connection when it is opened (session settings of the appending transactions).</summary>
    string? WriterSessionSql { get; }

    /// <summary>The statement that starts the appending transaction, so that no other writer can run until it ends.</summary>
    string BeginSql { get; }

    /// <summary>Reads the log head and locks it until the transaction ends.</summary>
    string LockHeadSql { get; }

    /// <summary>Whether a failed batch may simply be run again (deadlock, lock timeout, busy database).</summary>
    bool IsTransient(Exception exception);

    /// <summary>Whether a one-round-trip batch failed on a key: its assumptions were wrong, not the database.</summary>
    bool IsAssumptionBroken(DbException exception);
}

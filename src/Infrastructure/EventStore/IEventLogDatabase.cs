using System.Data.Common;

namespace ChatClean.Infrastructure.EventStore;

/// <summary>What the event store needs from its database engine: connections, the appending transaction and its head lock, and which failures may be retried.</summary>
internal interface IEventLogDatabase
{
    ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Starts the appending transaction so that no other writer can run until it ends.</summary>
    ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Reads the log head and locks it until the transaction ends.</summary>
    string LockHeadSql { get; }

    /// <summary>Whether a failed batch may simply be run again (deadlock, lock timeout, busy database).</summary>
    bool IsTransient(Exception exception);
}

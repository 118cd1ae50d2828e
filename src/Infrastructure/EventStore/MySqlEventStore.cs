using System.Data.Common;
using MySqlConnector;

namespace ChatClean.Infrastructure.EventStore;

/// <summary>The event store on MySQL 8 / MariaDB 10.11 (InnoDB). The log head is locked with <c>SELECT … FOR UPDATE</c>.</summary>
public sealed class MySqlEventStore(
    string connectionString, IOptions<EventStoreOptions> options, AppendSignal signal, TimeProvider clock, ILogger<MySqlEventStore> logger)
    : SqlEventStore(options, signal, clock, logger)
{
    protected override string LockHeadSql => "SELECT last_position, last_hash FROM es_log_head WHERE id = 1 FOR UPDATE";

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    protected override string BeginSql => "START TRANSACTION";

    /// <summary>Read committed: each batch reads the revisions committed before it took the head lock.</summary>
    protected override string? WriterSessionSql => "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED";

    protected override bool IsAssumptionBroken(DbException exception) =>
        exception is MySqlException { ErrorCode: MySqlErrorCode.DuplicateKeyEntry };

    /// <summary>
    /// Deadlocks, lock timeouts, what the driver calls transient, and a connection the server broke (it restarted or
    /// failed over): then the pool's idle connections to it are as dead as this one and are cleared, so the retry opens
    /// a new one. Retrying is safe whether or not the commit went through: an append whose event ids are already in
    /// the stream returns its original result.
    /// </summary>
    protected override bool IsTransient(Exception exception)
    {
        if (exception is MySqlException { ErrorCode: MySqlErrorCode.LockDeadlock or MySqlErrorCode.LockWaitTimeout } or MySqlException { IsTransient: true })
        {
            return true;
        }

        if (exception is MySqlException { InnerException: MySqlEndOfStreamException or IOException or System.Net.Sockets.SocketException } or MySqlEndOfStreamException)
        {
            MySqlConnection.ClearAllPools();
            return true;
        }

        return false;
    }
}

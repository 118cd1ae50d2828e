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

    protected override bool IsTransient(Exception exception) =>
        exception is MySqlException { ErrorCode: MySqlErrorCode.LockDeadlock or MySqlErrorCode.LockWaitTimeout } ||
        exception is MySqlException { IsTransient: true };
}

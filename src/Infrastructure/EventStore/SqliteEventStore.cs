using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ChatClean.Infrastructure.EventStore;

/// <summary>
/// The event store on SQLite (the embedded default). SQLite has one writer at a time: <c>BEGIN IMMEDIATE</c>
/// takes the write lock for the whole transaction, which is the log-head lock.
/// </summary>
public sealed class SqliteEventStore(
    string connectionString, IOptions<EventStoreOptions> options, AppendSignal signal, TimeProvider clock, ILogger<SqliteEventStore> logger)
    : SqlEventStore(options, signal, clock, logger)
{
    protected override string LockHeadSql => "SELECT last_position, last_hash FROM es_log_head WHERE id = 1";

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    protected override string BeginSql => "BEGIN IMMEDIATE";

    protected override bool IsAssumptionBroken(DbException exception) => exception is SqliteException { SqliteErrorCode: 19 }; // SQLITE_CONSTRAINT

    protected override bool IsTransient(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 5 or 6 }; // SQLITE_BUSY, SQLITE_LOCKED
}

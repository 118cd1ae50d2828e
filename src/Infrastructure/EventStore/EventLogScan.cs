using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;

namespace ChatClean.Infrastructure.EventStore;

/// <summary>
/// One streaming read of the log from a position, in a read-only snapshot: a single ordered query instead of a query
/// per page, and the head read in the same snapshot, so it names exactly the last event the scan returns even while
/// the service appends. For walks over the whole log (verify).
/// </summary>
internal sealed class EventLogScan : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly long _after;

    private EventLogScan(DbConnection connection, DbTransaction transaction, long after, long headPosition, byte[] headHash)
    {
        (_connection, _transaction, _after) = (connection, transaction, after);
        (HeadPosition, HeadHash) = (headPosition, headHash);
    }

    public long HeadPosition { get; }

    public byte[] HeadHash { get; }

    public static async Task<EventLogScan> OpenAsync(IEventLogDatabase database, long after, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken);
        try
        {
            // The snapshot begins with the first read: the head's. SQLite's must be deferred, or it would hold off every writer.
            var transaction = connection is Microsoft.Data.Sqlite.SqliteConnection sqlite
                ? sqlite.BeginTransaction(deferred: true)
                : await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT last_position, last_hash FROM es_log_head WHERE id = 1";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new EventLogScan(connection, transaction, after, reader.GetInt64(0), (byte[])reader.GetValue(1));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The events after the start position, in batches of <paramref name="batchSize"/>.</summary>
    public async IAsyncEnumerable<RecordedEvent[]> ReadAsync(int batchSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = $"SELECT {EventRows.Columns} FROM es_events WHERE position > @after ORDER BY position";
        EventRows.AddParameter(command, "@after", _after);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var batch = new List<RecordedEvent>(batchSize);
        while (await reader.ReadAsync(cancellationToken))
        {
            batch.Add(EventRows.Current(reader));
            if (batch.Count == batchSize)
            {
                yield return [.. batch];
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            yield return [.. batch];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}

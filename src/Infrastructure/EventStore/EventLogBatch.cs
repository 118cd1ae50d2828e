using System.Data.Common;
using System.Text;

namespace ChatClean.Infrastructure.EventStore;

/// <summary>
/// One appending transaction: lock the log head, decide every append of the batch (a retry answers its originals, a
/// wrong expected revision is refused), give the accepted events the next positions and chain their hashes, insert
/// them and move the head. Positions are handed out only under the head lock, so they commit in order.
/// </summary>
internal static class EventLogBatch
{
    private const int RowsPerStatement = 500;

    public static async Task<Outcome[]> WriteAsync(IEventLogDatabase database, List<PendingAppend> batch, long nowMicroseconds)
    {
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
        await using var transaction = await database.BeginWriteTransactionAsync(connection, CancellationToken.None).ConfigureAwait(false);

        var (headPosition, headHash) = await LockHeadAsync(database, connection, transaction).ConfigureAwait(false);
        var streamIds = batch.Select(p => p.StreamId).Distinct(StringComparer.Ordinal).ToArray();
        var revisions = await ReadStreamRevisionsAsync(connection, transaction, streamIds).ConfigureAwait(false);
        var known = await ReadExistingEventsAsync(connection, transaction, streamIds, batch.SelectMany(p => p.Events.Select(e => e.EventId)).ToArray())
            .ConfigureAwait(false);

        var createdAt = EventRows.FromMicroseconds(nowMicroseconds);
        var inserts = new List<RecordedEvent>();
        var outcomes = new Outcome[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var pending = batch[i];
            var found = pending.Events.Select(e => known.GetValueOrDefault((pending.StreamId, e.EventId))).ToArray();
            if (found.All(f => f is not null))
            {
                var originals = found.Select(f => f!).ToArray();
                outcomes[i] = Outcome.Success(new RawAppendResult(originals[^1].Revision, originals[^1].Position, originals, WasDuplicate: true));
                continue;
            }

            if (found.Any(f => f is not null))
            {
                outcomes[i] = Outcome.Failure(new IdempotencyConflictException(pending.StreamId));
                continue;
            }

            var revision = revisions.GetValueOrDefault(pending.StreamId);
            if (!pending.Expected.IsSatisfiedBy(revision))
            {
                outcomes[i] = Outcome.Failure(new WrongExpectedRevisionException(pending.StreamId, pending.Expected, revision));
                continue;
            }

            var recorded = new RecordedEvent[pending.Events.Count];
            for (var j = 0; j < pending.Events.Count; j++)
            {
                var e = pending.Events[j];
                headPosition++;
                revision++;
                headHash = EventHashing.Compute(headHash, headPosition, pending.StreamId, revision, e.EventId, e.Type, nowMicroseconds, e.Data, e.Metadata);
                recorded[j] = new RecordedEvent(headPosition, pending.StreamId, revision, e.EventId, e.Type, e.Data, e.Metadata, createdAt, headHash);
                known[(pending.StreamId, e.EventId)] = recorded[j];
            }

            revisions[pending.StreamId] = revision;
            inserts.AddRange(recorded);
            outcomes[i] = Outcome.Success(new RawAppendResult(revision, headPosition, recorded, WasDuplicate: false));
        }

        if (inserts.Count > 0)
        {
            await InsertAsync(connection, transaction, inserts).ConfigureAwait(false);
            await MoveHeadAsync(connection, transaction, headPosition, headHash).ConfigureAwait(false);
        }

        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return outcomes;
    }

    private static async Task<(long Position, byte[] Hash)> LockHeadAsync(IEventLogDatabase database, DbConnection connection, DbTransaction transaction)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = database.LockHeadSql;
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        if (!await reader.ReadAsync().ConfigureAwait(false))
        {
            throw new InvalidOperationException("The event store has no log head row: run the database migrations.");
        }

        return (reader.GetInt64(0), (byte[])reader.GetValue(1));
    }

    private static async Task<Dictionary<string, long>> ReadStreamRevisionsAsync(DbConnection connection, DbTransaction transaction, string[] streamIds)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            $"SELECT stream_id, MAX(revision) FROM es_events WHERE stream_id IN ({EventRows.InList(command, "@s", streamIds)}) GROUP BY stream_id";
        var revisions = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            revisions[reader.GetString(0)] = reader.GetInt64(1);
        }

        return revisions;
    }

    private static async Task<Dictionary<(string, Guid), RecordedEvent?>> ReadExistingEventsAsync(
        DbConnection connection, DbTransaction transaction, string[] streamIds, Guid[] eventIds)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            $"SELECT {EventRows.Columns} FROM es_events WHERE stream_id IN ({EventRows.InList(command, "@s", streamIds)}) " +
            $"AND event_id IN ({EventRows.InList(command, "@e", eventIds.Select(id => id.ToString("D")).ToArray())})";
        var events = await EventRows.ReadAsync(command, CancellationToken.None).ConfigureAwait(false);
        return events.ToDictionary(e => (e.StreamId, e.EventId), e => (RecordedEvent?)e);
    }

    private static async Task InsertAsync(DbConnection connection, DbTransaction transaction, List<RecordedEvent> events)
    {
        foreach (var chunk in events.Chunk(RowsPerStatement))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var sql = new StringBuilder($"INSERT INTO es_events ({EventRows.Columns}) VALUES ");
            for (var i = 0; i < chunk.Length; i++)
            {
                var e = chunk[i];
                sql.Append(i == 0 ? "(" : ",(").Append($"@p{i},@s{i},@r{i},@i{i},@t{i},@d{i},@m{i},@c{i},@h{i})");
                EventRows.AddParameter(command, $"@p{i}", e.Position);
                EventRows.AddParameter(command, $"@s{i}", e.StreamId);
                EventRows.AddParameter(command, $"@r{i}", e.Revision);
                EventRows.AddParameter(command, $"@i{i}", e.EventId.ToString("D"));
                EventRows.AddParameter(command, $"@t{i}", e.Type);
                EventRows.AddParameter(command, $"@d{i}", e.Data);
                EventRows.AddParameter(command, $"@m{i}", e.Metadata);
                EventRows.AddParameter(command, $"@c{i}", EventRows.ToMicroseconds(e.CreatedAt));
                EventRows.AddParameter(command, $"@h{i}", e.Hash);
            }

            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }

    private static async Task MoveHeadAsync(DbConnection connection, DbTransaction transaction, long position, byte[] hash)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE es_log_head SET last_position = @position, last_hash = @hash WHERE id = 1";
        EventRows.AddParameter(command, "@position", position);
        EventRows.AddParameter(command, "@hash", hash);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>What happened to one append of the batch: its result, or why it was refused.</summary>
    internal readonly record struct Outcome(RawAppendResult? Result, Exception? Error)
    {
        public static Outcome Success(RawAppendResult result) => new(result, null);

        public static Outcome Failure(Exception error) => new(null, error);
    }
}

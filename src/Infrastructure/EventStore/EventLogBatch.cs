using System.Data.Common;
using System.Text;

namespace ChatClean.Infrastructure.EventStore;

/// <summary>
/// One appending transaction in two round trips on the writer's connection. First: begin, lock the log head, read the
/// current revision of every stream of the batch (one <c>MAX</c> per stream, which the index answers without reading
/// the stream; a <c>GROUP BY</c> over all of them read every event of every stream) and the event ids already stored
/// for them. Then, having decided every
/// append (a retry answers its originals, a wrong expected revision is refused) and given the accepted events the next
/// positions and their hash links: insert them, move the head and commit, in one command. Positions are handed out only
/// under the head lock, so they commit in order.
/// </summary>
internal static class EventLogBatch
{
    public static async Task<AppendPlan> WriteAsync(IEventLogDatabase database, DbConnection connection, List<PendingAppend> batch, long nowMicroseconds)
    {
        var streamIds = batch.Select(p => p.StreamId).Distinct(StringComparer.Ordinal).ToArray();
        var eventIds = batch.SelectMany(p => p.Events.Select(e => e.EventId.ToString("D"))).ToArray();
        var (headPosition, headHash, revisions, known) = await BeginAsync(database, connection, streamIds, eventIds).ConfigureAwait(false);
        try
        {
            var plan = AppendPlan.Decide(batch, headPosition, headHash, revisions, known, nowMicroseconds);
            await using var command = connection.CreateCommand();
            var sql = new StringBuilder();
            if (plan.Inserts.Count > 0)
            {
                EventRows.AppendInserts(command, sql, plan.Inserts);
                sql.Append("UPDATE es_log_head SET last_position = @headPosition, last_hash = @headHash WHERE id = 1; ");
                EventRows.AddParameter(command, "@headPosition", plan.HeadPosition);
                EventRows.AddParameter(command, "@headHash", plan.HeadHash);
            }

            command.CommandText = sql.Append("COMMIT").ToString();
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            return plan;
        }
        catch
        {
            await RollBackAsync(connection).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The first round trip: begin, lock and read the head, the streams' revisions and the event ids already stored.</summary>
    private static async Task<(long Position, byte[] Hash, Dictionary<string, long> Revisions, Dictionary<(string, Guid), RecordedEvent> Known)> BeginAsync(
        IEventLogDatabase database, DbConnection connection, string[] streamIds, string[] eventIds)
    {
        await using var command = connection.CreateCommand();
        var streams = EventRows.InList(command, "@s", streamIds);
        command.CommandText =
            $"{database.BeginSql}; {database.LockHeadSql}; " +
            $"SELECT {string.Join(", ", streamIds.Select((_, i) => $"(SELECT MAX(revision) FROM es_events WHERE stream_id = @s{i})"))}; " +
            $"SELECT {EventRows.Columns} FROM es_events WHERE stream_id IN ({streams}) AND event_id IN ({EventRows.InList(command, "@e", eventIds)})";
        try
        {
            await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            await NextRowsAsync(reader).ConfigureAwait(false);
            if (!await reader.ReadAsync().ConfigureAwait(false))
            {
                throw new InvalidOperationException("The event store has no log head row: run the database migrations.");
            }

            var head = (reader.GetInt64(0), (byte[])reader.GetValue(1));
            await reader.NextResultAsync().ConfigureAwait(false);
            await NextRowsAsync(reader).ConfigureAwait(false);
            var revisions = new Dictionary<string, long>(StringComparer.Ordinal);
            await reader.ReadAsync().ConfigureAwait(false);
            for (var i = 0; i < streamIds.Length; i++)
            {
                revisions[streamIds[i]] = await reader.IsDBNullAsync(i).ConfigureAwait(false) ? 0 : reader.GetInt64(i);
            }

            await reader.NextResultAsync().ConfigureAwait(false);
            await NextRowsAsync(reader).ConfigureAwait(false);
            var known = (await EventRows.ReadRowsAsync(reader, CancellationToken.None).ConfigureAwait(false))
                .ToDictionary(e => (e.StreamId, e.EventId));
            return (head.Item1, head.Item2, revisions, known);
        }
        catch
        {
            await RollBackAsync(connection).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Skips the answers of statements that return no rows (the begin), up to the next result set with columns.</summary>
    private static async Task NextRowsAsync(DbDataReader reader)
    {
        while (reader.FieldCount == 0 && await reader.NextResultAsync().ConfigureAwait(false))
        {
        }
    }

    /// <summary>Ends a transaction that failed; a connection that cannot even do that is thrown away by the writer.</summary>
    public static async Task RollBackAsync(DbConnection connection)
    {
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "ROLLBACK";
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DbException or InvalidOperationException)
        {
            // The writer replaces a broken connection.
        }
    }

    /// <summary>What happened to one append of the batch: its result, or why it was refused.</summary>
    internal readonly record struct Outcome(RawAppendResult? Result, Exception? Error)
    {
        public static Outcome Success(RawAppendResult result) => new(result, null);

        public static Outcome Failure(Exception error) => new(null, error);
    }
}


using System.Data.Common;
using System.Text;

namespace ChatClean.Infrastructure.EventStore;

/// <summary>
/// A batch in one round trip, when the writer's memory answers everything the careful path reads: begin, move the
/// head from where the writer left it, insert the events, commit. Every wrong assumption fails a key, whatever the
/// server's SQL mode: if another writer moved the head, the positions after the remembered head exist (positions are
/// dense and the head moves only with them), so the first insert is a duplicate primary key; if it appended to one of
/// the streams, that stream's next revision exists. The batch is then rolled back, the memory forgotten and the batch
/// written the careful way (<see cref="EventLogBatch"/>).
/// </summary>
internal static class EventLogFastPath
{
    /// <returns>The plan written, or null when the batch must be written the careful way.</returns>
    public static async Task<AppendPlan?> TryWriteAsync(
        IEventLogDatabase database, DbConnection connection, List<PendingAppend> batch, WriterMemory memory, long nowMicroseconds)
    {
        if (memory.Head is not { } head || memory.RevisionsFor(batch) is not { } revisions)
        {
            return null;
        }

        var plan = AppendPlan.Decide(batch, head.Position, head.Hash, revisions, [], nowMicroseconds);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder($"{database.BeginSql}; ")
            .Append("UPDATE es_log_head SET last_position = @headPosition, last_hash = @headHash WHERE id = 1 AND last_position = @expectedHead; ");
        EventRows.AddParameter(command, "@expectedHead", head.Position);
        EventRows.AddParameter(command, "@headPosition", plan.HeadPosition);
        EventRows.AddParameter(command, "@headHash", plan.HeadHash);
        EventRows.AppendInserts(command, sql, plan.Inserts);
        command.CommandText = sql.Append("COMMIT").ToString();
        try
        {
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            return plan;
        }
        catch (DbException exception) when (database.IsAssumptionBroken(exception))
        {
            await EventLogBatch.RollBackAsync(connection).ConfigureAwait(false);
            memory.Forget();
            return null;
        }
    }
}

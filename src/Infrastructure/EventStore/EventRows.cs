using System.Data;
using System.Data.Common;

namespace ChatClean.Infrastructure.EventStore;

/// <summary>How events are read from and written to <c>es_events</c>: the columns, parameters and the time format (microseconds since the Unix epoch).</summary>
internal static class EventRows
{
    public const string Columns = "position, stream_id, revision, event_id, event_type, data, metadata, created_at, hash";

    public static void AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    /// <summary>Adds one parameter per value and returns their names, comma-separated, for an <c>IN (…)</c> list.</summary>
    public static string InList(DbCommand command, string prefix, string[] values)
    {
        var names = new string[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            names[i] = $"{prefix}{i}";
            AddParameter(command, names[i], values[i]);
        }

        return string.Join(',', names);
    }

    /// <summary>Appends multi-row <c>INSERT</c>s of <paramref name="events"/> (500 rows a statement) to <paramref name="sql"/>, with their parameters.</summary>
    public static void AppendInserts(DbCommand command, System.Text.StringBuilder sql, IReadOnlyList<RecordedEvent> events)
    {
        const int RowsPerStatement = 500;
        var n = 0;
        foreach (var chunk in events.Chunk(RowsPerStatement))
        {
            sql.Append($"INSERT INTO es_events ({Columns}) VALUES ");
            for (var i = 0; i < chunk.Length; i++, n++)
            {
                var e = chunk[i];
                sql.Append(i == 0 ? "(" : ",(").Append($"@p{n},@s{n},@r{n},@i{n},@t{n},@d{n},@m{n},@c{n},@h{n})");
                AddParameter(command, $"@p{n}", e.Position);
                AddParameter(command, $"@s{n}", e.StreamId);
                AddParameter(command, $"@r{n}", e.Revision);
                AddParameter(command, $"@i{n}", e.EventId.ToString("D"));
                AddParameter(command, $"@t{n}", e.Type);
                AddParameter(command, $"@d{n}", e.Data);
                AddParameter(command, $"@m{n}", e.Metadata);
                AddParameter(command, $"@c{n}", ToMicroseconds(e.CreatedAt));
                AddParameter(command, $"@h{n}", e.Hash);
            }

            sql.Append("; ");
        }
    }

    public static long ToMicroseconds(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset FromMicroseconds(long microseconds) => DateTimeOffset.UnixEpoch.AddTicks(microseconds * 10);

    /// <summary>A row read through the EF mapping of <c>es_events</c>, in the store's form.</summary>
    public static RecordedEvent ToRecorded(EventRow r) =>
        new(r.Position, r.StreamId, r.Revision, Guid.Parse(r.EventId), r.EventType, r.Data, r.Metadata, FromMicroseconds(r.CreatedAt), r.Hash);

    public static async Task<IReadOnlyList<RecordedEvent>> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
        return await ReadRowsAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The event rows of the reader's current result set.</summary>
    public static async Task<List<RecordedEvent>> ReadRowsAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var events = new List<RecordedEvent>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(Current(reader));
        }

        return events;
    }

    /// <summary>The reader's current row, read column by column in order (as <see cref="CommandBehavior.SequentialAccess"/> needs).</summary>
    public static RecordedEvent Current(DbDataReader reader) => new(
        Position: reader.GetInt64(0),
        StreamId: reader.GetString(1),
        Revision: reader.GetInt64(2),
        EventId: Guid.Parse(reader.GetString(3)),
        Type: reader.GetString(4),
        Data: reader.GetString(5),
        Metadata: reader.IsDBNull(6) ? null : reader.GetString(6),
        CreatedAt: FromMicroseconds(reader.GetInt64(7)),
        Hash: (byte[])reader.GetValue(8));
}

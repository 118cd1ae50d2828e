using System.Globalization;
using System.Text;
using MySqlConnector;

namespace ChatClean.TestSupport;

/// <summary>Every read-model row of a MariaDB database as text, in primary-key order: two snapshots are equal when the rows are.</summary>
public static class ReadModelSnapshot
{
    private static readonly (string Table, string OrderBy)[] Tables =
    [
        ("rm_conversations", "id"),
        ("rm_messages", "conversation_id, seq"),
        ("rm_search_terms", "conversation_id, term"),
        ("rm_waiting_episodes", "conversation_id, episode"),
        ("rm_agent_sessions", "conversation_id, session"),
        ("rm_daily_stats", "day"),
    ];

    public static async Task<IReadOnlyDictionary<string, string[]>> TakeAsync(string connectionString)
    {
        var snapshot = new Dictionary<string, string[]>();
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var (table, orderBy) in Tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table} ORDER BY {orderBy}";
            var rows = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var row = new StringBuilder();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    row.Append(reader.GetName(i)).Append('=').Append(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append(';');
                }

                rows.Add(row.ToString());
            }

            snapshot[table] = [.. rows];
        }

        return snapshot;
    }

    public static async Task<long> CheckpointAsync(string connectionString)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE((SELECT position FROM projection_checkpoints WHERE name = 'read-models'), 0)";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}

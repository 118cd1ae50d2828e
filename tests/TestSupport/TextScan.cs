using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using MySqlConnector;

namespace ChatClean.TestSupport;

/// <summary>Every table and column of a database, MariaDB or SQLite, in which a text appears: what erasure must leave empty.</summary>
public static class TextScan
{
    public static async Task<IReadOnlyList<string>> WhereAsync(DbConnection connection, params string[] texts)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }

        var columns = new List<(string Table, string Column)>();
        var sqlite = connection is SqliteConnection;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = sqlite
                ? "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'"
                : "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = DATABASE()";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        if (columns.Count < 20)
        {
            throw new InvalidOperationException($"The scan sees {columns.Count} columns: not the ChatClean schema.");
        }
        var found = new List<string>();
        foreach (var (table, column) in columns)
        {
            foreach (var text in texts)
            {
                await using var command = connection.CreateCommand();
                var cast = sqlite ? $"CAST(\"{column}\" AS TEXT)" : $"CAST(`{column}` AS CHAR CHARACTER SET utf8mb4)";
                command.CommandText = sqlite
                    ? $"SELECT COUNT(*) FROM \"{table}\" WHERE instr({cast}, @text) > 0"
                    : $"SELECT COUNT(*) FROM `{table}` WHERE LOCATE(@text, {cast}) > 0";
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@text";
                parameter.Value = text;
                command.Parameters.Add(parameter);
                if (Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) > 0)
                {
                    found.Add($"{table}.{column} holds '{text}'");
                }
            }
        }

        return found;
    }

    public static DbConnection Open(string provider, string connectionString) =>
        provider == "Sqlite" ? new SqliteConnection(connectionString) : new MySqlConnection(connectionString);
}

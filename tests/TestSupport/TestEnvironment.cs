using Microsoft.EntityFrameworkCore;
using MySqlConnector;

namespace ChatClean.TestSupport;

/// <summary>
/// Where the test servers are. <c>./scripts/test.sh</c> installs and starts MariaDB and Redis on 127.0.0.1 and
/// creates the test user; the defaults below match it. A missing server fails the tests that need it: they never skip.
/// </summary>
public static class TestEnvironment
{
    public static string MySqlServer { get; } =
        Environment.GetEnvironmentVariable("CHATCLEAN_TEST_MYSQL")
        ?? "Server=127.0.0.1;Port=3306;User ID=chatclean_test;Password=chatclean_test";

    public static string Redis { get; } = Environment.GetEnvironmentVariable("CHATCLEAN_TEST_REDIS") ?? "127.0.0.1:6379";

    /// <summary>Creates a fresh, uniquely named database; dispose it to drop it.</summary>
    public static async Task<MariaDbDatabase> CreateMariaDbDatabaseAsync()
    {
        var name = $"chatclean_test_{Guid.NewGuid():N}"[..40];
        try
        {
            await using var connection = new MySqlConnection(MySqlServer);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci";
            await command.ExecuteNonQueryAsync();
        }
        catch (MySqlException exception)
        {
            throw new InvalidOperationException(
                $"MariaDB is needed for this test and is not reachable with '{Redact(MySqlServer)}'. Run ./scripts/test.sh, " +
                "which installs and starts it, or set CHATCLEAN_TEST_MYSQL.", exception);
        }

        var builder = new MySqlConnectionStringBuilder(MySqlServer) { Database = name, AllowUserVariables = true };
        return new MariaDbDatabase(name, builder.ConnectionString);
    }

    private static string Redact(string connectionString) =>
        new MySqlConnectionStringBuilder(connectionString) { Password = "***" }.ConnectionString;
}

public sealed class MariaDbDatabase(string name, string connectionString) : IAsyncDisposable
{
    public string Name { get; } = name;

    public string ConnectionString { get; } = connectionString;

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new MySqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync();
        return (T)Convert.ChangeType(value!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Applies the service's migrations, as a node does at start-up.</summary>
    public async Task MigrateAsync()
    {
        await using var db = new ChatClean.Infrastructure.Persistence.MySqlChatCleanDbContext(
            new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<ChatClean.Infrastructure.Persistence.MySqlChatCleanDbContext>()
                .UseMySql(ConnectionString, ChatClean.Infrastructure.StorageSetup.MySqlServerVersion).Options);
        await ChatClean.Infrastructure.Persistence.DatabaseMigrator.MigrateAsync(db, default);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new MySqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = new MySqlConnection(TestEnvironment.MySqlServer);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS `{Name}`";
        await command.ExecuteNonQueryAsync();
    }
}

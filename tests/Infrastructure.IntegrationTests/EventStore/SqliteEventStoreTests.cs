using ChatClean.Infrastructure.EventStore;
using ChatClean.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatClean.Infrastructure.IntegrationTests.EventStore;

/// <summary>The event-store contract on SQLite (a fresh database file per test, schema by the real migrations).</summary>
public sealed class SqliteEventStoreTests : EventStoreContract
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "chatclean-tests", Guid.NewGuid().ToString("N"));

    private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "events.db") }.ToString();

    protected override async Task CreateDatabaseAsync()
    {
        Directory.CreateDirectory(_directory);
        await using var db = new SqliteChatCleanDbContext(new DbContextOptionsBuilder<SqliteChatCleanDbContext>().UseSqlite(ConnectionString).Options);
        await DatabaseMigrator.MigrateAsync(db, default);
    }

    protected override Task DropDatabaseAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    protected override SqlEventStore CreateStore() => new SqliteEventStore(
        ConnectionString,
        Options.Create(new EventStoreOptions { SubscriptionPollInterval = TimeSpan.FromMilliseconds(200) }),
        new AppendSignal(),
        TimeProvider.System,
        NullLogger<SqliteEventStore>.Instance);

    protected override async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

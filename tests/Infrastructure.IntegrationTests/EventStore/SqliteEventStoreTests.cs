using ChatClean.Infrastructure.EventStore;
using ChatClean.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatClean.Infrastructure.IntegrationTests.EventStore;

/// <summary>The event-store contracts on SQLite (a fresh database file per test, schema by the real migrations).</summary>
public static class SqliteEventStoreTests
{
    public sealed class Appends() : AppendContract(new Database());

    public sealed class Concurrency() : ConcurrencyContract(new Database());

    public sealed class Reading() : ReadingContract(new Database());

    public sealed class Database : IEventStoreDatabase
    {
        private readonly string _directory = Path.Combine(Path.GetTempPath(), "chatclean-tests", Guid.NewGuid().ToString("N"));

        private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "events.db") }.ToString();

        public async Task CreateAsync()
        {
            Directory.CreateDirectory(_directory);
            await using var db = new SqliteChatCleanDbContext(new DbContextOptionsBuilder<SqliteChatCleanDbContext>().UseSqlite(ConnectionString).Options);
            await DatabaseMigrator.MigrateAsync(db, default);
        }

        public Task DropAsync()
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
            return Task.CompletedTask;
        }

        public SqlEventStore CreateStore() => new SqliteEventStore(
            ConnectionString,
            Options.Create(new EventStoreOptions { SubscriptionPollInterval = TimeSpan.FromMilliseconds(200) }),
            new AppendSignal(),
            TimeProvider.System,
            NullLogger<SqliteEventStore>.Instance);

        public async Task ExecuteSqlAsync(string sql)
        {
            await using var connection = new SqliteConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
    }
}

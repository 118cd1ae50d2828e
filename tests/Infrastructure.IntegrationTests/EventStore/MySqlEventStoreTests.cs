using ChatClean.Infrastructure.EventStore;
using ChatClean.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatClean.Infrastructure.IntegrationTests.EventStore;

/// <summary>The event-store contracts on MariaDB (a fresh database per test, schema by the real migrations).</summary>
public static class MySqlEventStoreTests
{
    public sealed class Appends() : AppendContract(new Database());

    public sealed class Concurrency() : ConcurrencyContract(new Database());

    public sealed class Reading() : ReadingContract(new Database());

    public sealed class Database : IEventStoreDatabase
    {
        private MariaDbDatabase _database = null!;

        public async Task CreateAsync()
        {
            _database = await TestEnvironment.CreateMariaDbDatabaseAsync();
            await _database.MigrateAsync();
        }

        public Task DropAsync() => _database.DisposeAsync().AsTask();

        public SqlEventStore CreateStore() => new MySqlEventStore(
            _database.ConnectionString,
            Options.Create(new EventStoreOptions { SubscriptionPollInterval = TimeSpan.FromMilliseconds(200) }),
            new AppendSignal(),
            TimeProvider.System,
            NullLogger<MySqlEventStore>.Instance);

        public Task ExecuteSqlAsync(string sql) => _database.ExecuteAsync(sql);
    }
}

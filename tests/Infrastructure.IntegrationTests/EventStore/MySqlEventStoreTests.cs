using ChatClean.Infrastructure.EventStore;
using ChatClean.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatClean.Infrastructure.IntegrationTests.EventStore;

/// <summary>The event-store contract on MariaDB (a fresh database per test, schema by the real migrations).</summary>
public sealed class MySqlEventStoreTests : EventStoreContract
{
    private MariaDbDatabase _database = null!;

    protected override async Task CreateDatabaseAsync()
    {
        _database = await TestEnvironment.CreateMariaDbDatabaseAsync();
        await _database.MigrateAsync();
    }

    protected override Task DropDatabaseAsync() => _database.DisposeAsync().AsTask();

    protected override SqlEventStore CreateStore() => new MySqlEventStore(
        _database.ConnectionString,
        Options.Create(new EventStoreOptions { SubscriptionPollInterval = TimeSpan.FromMilliseconds(200) }),
        new AppendSignal(),
        TimeProvider.System,
        NullLogger<MySqlEventStore>.Instance);

    protected override Task ExecuteSqlAsync(string sql) => _database.ExecuteAsync(sql);
}

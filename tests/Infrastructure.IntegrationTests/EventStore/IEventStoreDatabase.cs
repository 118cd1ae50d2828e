using ChatClean.Infrastructure.EventStore;

namespace ChatClean.Infrastructure.IntegrationTests.EventStore;

/// <summary>One test's own database for an event-store contract: created with the real migrations, dropped after the test.</summary>
public interface IEventStoreDatabase
{
    Task CreateAsync();

    Task DropAsync();

    /// <summary>A new store instance on the same database: another node, as far as the database can tell.</summary>
    SqlEventStore CreateStore();

    Task ExecuteSqlAsync(string sql);
}

using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Infrastructure.EventStore;

namespace ChatClean.Infrastructure.IntegrationTests.EventStore;

/// <summary>
/// The contract every <see cref="IEventStore"/> keeps, in three parts: <see cref="AppendContract"/>,
/// <see cref="ConcurrencyContract"/> and <see cref="ReadingContract"/> (reading and the hash chain). Each implementation
/// runs these same tests unchanged against a real database (<see cref="MySqlEventStoreTests"/>, <see cref="SqliteEventStoreTests"/>).
/// </summary>
public abstract class EventStoreContract(IEventStoreDatabase database) : IAsyncLifetime
{
    private readonly List<SqlEventStore> _stores = [];

    protected SqlEventStore Store => _stores[0];

    public async Task InitializeAsync()
    {
        await database.CreateAsync();
        _stores.Add(database.CreateStore());
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        await database.DropAsync();
    }

    protected Task ExecuteSqlAsync(string sql) => database.ExecuteSqlAsync(sql);

    protected static EventData[] Events(int count) =>
        Enumerable.Range(0, count).Select(i => new EventData(Guid.NewGuid(), "Thing.v1", $$"""{"n":{{i}}}""")).ToArray();

    protected List<SqlEventStore> AddStores(int extra)
    {
        for (var i = 0; i < extra; i++)
        {
            _stores.Add(database.CreateStore());
        }

        return _stores;
    }

    protected async Task<List<RecordedEvent>> ReadEverythingAsync()
    {
        var all = new List<RecordedEvent>();
        while (true)
        {
            var page = await Store.ReadAllAsync(all.Count == 0 ? 0 : all[^1].Position, 1000, default);
            all.AddRange(page);
            if (page.Count < 1000)
            {
                return all;
            }
        }
    }
}

using System.Collections.Concurrent;
using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Application.Abstractions.Subscriptions;
using ChatClean.Domain.Conversations;
using ChatClean.Infrastructure.EventStore;
using ChatClean.Infrastructure.Subscriptions;
using ChatClean.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatClean.Infrastructure.IntegrationTests.Subscriptions;

/// <summary>A reactor's subscription on MariaDB: live from the head, in order, and after a failure on from the last event handled.</summary>
#pragma warning disable CA1001 // disposed in IAsyncLifetime.DisposeAsync, which xUnit calls
public sealed class LiveSubscriptionTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly AppendSignal _signal = new();
    private MariaDbDatabase _database = null!;
    private readonly List<MySqlEventStore> _raw = [];
    private ConversationEventStore _store = null!;

    public async Task InitializeAsync()
    {
        _database = await TestEnvironment.CreateMariaDbDatabaseAsync();
        await _database.MigrateAsync();
        _raw.Add(new MySqlEventStore(_database.ConnectionString, Options(), _signal, TimeProvider.System, NullLogger<MySqlEventStore>.Instance));
        _store = new ConversationEventStore(_raw[0]);
    }

    public async Task DisposeAsync()
    {
        _store.Dispose();
        await _raw[0].DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task It_starts_at_the_head_and_hands_over_every_later_event_once_in_order()
    {
        await AppendAsync(count: 3);
        var reactor = new RecordingReactor();
        using var subscription = Subscribe(reactor);
        await subscription.StartAsync(default);
        await subscription.Following.WaitAsync(TimeSpan.FromSeconds(10));

        await AppendAsync(count: 5);
        await AppendAsync(count: 4);

        var seen = await Eventually.ReturnsAsync(() => Task.FromResult(reactor.Positions.ToArray()), p => p.Length >= 9, what: "the live events");
        seen.ShouldBe(Enumerable.Range(4, 9).Select(p => (long)p).ToArray(), "the three events before the start are not replayed; the nine after are, in order");
        await subscription.StopAsync(default);
    }

    [Fact]
    public async Task After_a_failure_it_goes_on_from_the_last_event_handled()
    {
        var reactor = new RecordingReactor { FailOnceAt = 3 };
        using var subscription = Subscribe(reactor);
        await subscription.StartAsync(default);
        await subscription.Following.WaitAsync(TimeSpan.FromSeconds(10));

        await AppendAsync(count: 5);

        var seen = await Eventually.ReturnsAsync(() => Task.FromResult(reactor.Positions.ToArray()), p => p.Length >= 5, TimeSpan.FromSeconds(10), "the events around the failure");
        seen.ShouldBe([1, 2, 3, 4, 5], "the event that failed is handed over again, nothing before it twice, nothing after it lost");
        reactor.Failures.ShouldBe(1);
        await subscription.StopAsync(default);
    }

    private static IOptions<EventStoreOptions> Options() =>
        Microsoft.Extensions.Options.Options.Create(new EventStoreOptions { SubscriptionPollInterval = TimeSpan.FromMilliseconds(200) });

    private LiveSubscription<RecordingReactor> Subscribe(RecordingReactor reactor) => new(
        reactor,
        _store,
        _signal,
        new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(),
        Options(),
        Microsoft.Extensions.Options.Options.Create(new LiveSubscriptionOptions()),
        TimeProvider.System,
        NullLogger<LiveSubscription<RecordingReactor>>.Instance);

    private async Task AppendAsync(int count)
    {
        var id = new ConversationId(Guid.NewGuid());
        var events = new List<EventToAppend> { new(Guid.NewGuid(), new ConversationStarted(id.Value, Guid.NewGuid(), null, DateTimeOffset.UtcNow), EventMetadata.None) };
        events.AddRange(Enumerable.Range(1, count - 1).Select(i => new EventToAppend(
            Guid.NewGuid(), new MessagePosted(id.Value, Guid.NewGuid(), SenderKind.Customer, null, $"m{i}", null, DateTimeOffset.UtcNow), EventMetadata.None)));
        await _store.AppendAsync(id.StreamName, ExpectedRevision.NoStream, events, default);
    }

    public sealed class RecordingReactor : IEventReactor
    {
        public ConcurrentQueue<long> Positions { get; } = new();

        public long? FailOnceAt { get; init; }

        public int Failures { get; private set; }

        public string Name => "recording";

        public ValueTask ReactAsync(StoredEvent<IConversationEvent> stored, CancellationToken cancellationToken)
        {
            if (stored.Position == FailOnceAt && Failures == 0)
            {
                Failures++;
                throw new InvalidOperationException("a job storage that is away");
            }

            Positions.Enqueue(stored.Position);
            return ValueTask.CompletedTask;
        }
    }
}

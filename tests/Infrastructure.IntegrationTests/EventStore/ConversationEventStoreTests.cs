using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Domain.Conversations;
using ChatClean.Infrastructure.EventStore;
using ChatClean.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatClean.Infrastructure.IntegrationTests.EventStore;

/// <summary>The typed port on MariaDB: events and metadata in, the same out; wire names stay the stored ones whatever the classes are called.</summary>
public sealed class ConversationEventStoreTests : IAsyncLifetime
{
    private readonly List<MySqlEventStore> _raw = [];
    private MariaDbDatabase _database = null!;

    private ConversationEventStore Store => new(_raw[0]);

    public async Task InitializeAsync()
    {
        _database = await TestEnvironment.CreateMariaDbDatabaseAsync();
        await _database.MigrateAsync();
        _raw.Add(new MySqlEventStore(_database.ConnectionString, Options.Create(new EventStoreOptions()), new AppendSignal(), TimeProvider.System, NullLogger<MySqlEventStore>.Instance));
    }

    public async Task DisposeAsync()
    {
        await _raw[0].DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Events_and_their_metadata_come_back_as_they_went_in()
    {
        var id = new ConversationId(Guid.NewGuid());
        var at = new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero).AddTicks(1230);
        var metadata = new EventMetadata(ActorKind.Agent, Guid.NewGuid(), "4bf92f3577b34da6a3ce929d0e0e4736");
        IConversationEvent[] events =
        [
            new ConversationStarted(id.Value, Guid.NewGuid(), "héllo \"世界\"", at),
            new HumanRequested(id.Value, 1, HandoffReason.AiLowConfidence, ActorKind.Ai, null, at),
            new TimedOutToAi(id.Value, 1, at),
            new ConversationReleased(id.Value, Guid.NewGuid(), at),
        ];

        var appended = await Store.AppendAsync(id.StreamName, ExpectedRevision.NoStream, events.Select(e => new EventToAppend(Guid.NewGuid(), e, metadata)).ToArray(), default);
        var read = await Store.ReadStreamAsync(id.StreamName, 1, 10, default);

        read.Select(e => e.Event).ShouldBe(events);
        read.ShouldAllBe(e => e.Metadata == metadata);
        read.Select(e => e.Seq).ShouldBe([1, 2, 3, 4]);
        read.ShouldBe(appended.Events);
        (await Store.ReadAllAsync(0, 10, default)).ShouldBe(read);
        (await Store.ReadStreamRevisionAsync(id.StreamName, default)).ShouldBe(4);
    }

    [Fact]
    public async Task Renamed_classes_are_stored_under_their_first_names()
    {
        var id = new ConversationId(Guid.NewGuid());
        await Store.AppendAsync(
            id.StreamName,
            ExpectedRevision.Any,
            [new(Guid.NewGuid(), new TimedOutToAi(id.Value, 1, DateTimeOffset.UtcNow), EventMetadata.None), new(Guid.NewGuid(), new ConversationReleased(id.Value, Guid.NewGuid(), DateTimeOffset.UtcNow), EventMetadata.None)],
            default);

        (await _raw[0].ReadStreamAsync(id.StreamName, 1, 10, default)).Select(e => e.Type).ShouldBe(["TimedOutToAI.v1", "HumanSessionEnded.v1"]);
        (await _raw[0].ReadStreamAsync(id.StreamName, 1, 10, default)).ShouldAllBe(e => e.Metadata == null, "no metadata, no column value");
    }

    [Fact]
    public async Task An_event_of_an_unknown_type_is_not_silently_skipped()
    {
        await _raw[0].AppendAsync("Conversation-x", ExpectedRevision.NoStream, [new EventData(Guid.NewGuid(), "SomethingNew.v1", "{}")], default);

        (await Should.ThrowAsync<InvalidOperationException>(() => Store.ReadAllAsync(0, 10, default))).Message.ShouldContain("SomethingNew.v1");
    }
}

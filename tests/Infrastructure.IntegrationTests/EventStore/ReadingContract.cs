using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Infrastructure.EventStore;

namespace ChatClean.Infrastructure.IntegrationTests.EventStore;

/// <summary>The event-store contract for reading streams and the global log, and for the hash chain that makes tampering visible.</summary>
public abstract class ReadingContract(IEventStoreDatabase database) : EventStoreContract(database)
{
    [Fact]
    public async Task Reading_a_stream_starts_at_the_given_revision_and_stops_at_the_limit()
    {
        await Store.AppendAsync("s-1", ExpectedRevision.NoStream, Events(5), default);
        await Store.AppendAsync("s-2", ExpectedRevision.NoStream, Events(2), default);

        var page = await Store.ReadStreamAsync("s-1", 2, 3, default);

        page.Select(e => e.Revision).ShouldBe([2, 3, 4]);
        page.ShouldAllBe(e => e.StreamId == "s-1");
        (await Store.ReadStreamAsync("missing", 1, 10, default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Events_keep_their_id_type_payload_metadata_and_a_timestamp()
    {
        var sent = new EventData(Guid.NewGuid(), "Thing.v1", """{"text":"héllo \"世界\" <script>"}""", """{"trace":"t-1"}""");
        await Store.AppendAsync("s-1", ExpectedRevision.NoStream, [sent], default);

        var read = (await Store.ReadAllAsync(0, 10, default)).Single();

        read.EventId.ShouldBe(sent.EventId);
        read.Type.ShouldBe(sent.Type);
        read.Data.ShouldBe(sent.Data);
        read.Metadata.ShouldBe(sent.Metadata);
        read.CreatedAt.ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        read.Hash.Length.ShouldBe(32);
    }

    [Fact]
    public async Task Reading_all_returns_events_after_a_position_in_position_order()
    {
        await Store.AppendAsync("a", ExpectedRevision.NoStream, Events(2), default);
        await Store.AppendAsync("b", ExpectedRevision.NoStream, Events(2), default);
        await Store.AppendAsync("a", ExpectedRevision.Exact(2), Events(1), default);

        var page = await Store.ReadAllAsync(1, 3, default);

        page.Select(e => e.Position).ShouldBe([2, 3, 4]);
        page.Select(e => e.StreamId).ShouldBe(["a", "b", "b"]);
    }

    [Fact]
    public async Task The_hash_chain_links_every_event_to_the_one_before()
    {
        await Store.AppendAsync("s-1", ExpectedRevision.NoStream, Events(2), default);
        await Store.AppendAsync("s-2", ExpectedRevision.NoStream, Events(1), default);
        var all = await ReadEverythingAsync();

        var previous = EventHashing.Genesis;
        foreach (var e in all)
        {
            var expected = EventHashing.Compute(
                previous, e.Position, e.StreamId, e.Revision, e.EventId, e.Type, (e.CreatedAt - DateTimeOffset.UnixEpoch).Ticks / 10, e.Data, e.Metadata);
            e.Hash.ShouldBe(expected);
            previous = e.Hash;
        }

        (await new EventLogVerifier(Store).VerifyAsync(default)).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task The_verifier_names_the_first_tampered_event()
    {
        await Store.AppendAsync("s-1", ExpectedRevision.NoStream, Events(4), default);

        await ExecuteSqlAsync("UPDATE es_events SET data = '{\"n\":999}' WHERE position = 3");

        (await new EventLogVerifier(Store).VerifyAsync(default)).ShouldBe(new ChainVerification(false, 2, 3, "hash_mismatch"));
    }

    [Fact]
    public async Task The_verifier_reports_a_deleted_event_as_a_gap()
    {
        await Store.AppendAsync("s-1", ExpectedRevision.NoStream, Events(4), default);

        await ExecuteSqlAsync("DELETE FROM es_events WHERE position = 2");

        (await new EventLogVerifier(Store).VerifyAsync(default)).ShouldBe(new ChainVerification(false, 1, 2, "gap"));
    }
}

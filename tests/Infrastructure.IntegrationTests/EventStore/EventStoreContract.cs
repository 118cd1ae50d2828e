using System.Collections.Concurrent;
using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Infrastructure.EventStore;
using ChatClean.TestSupport;

namespace ChatClean.Infrastructure.IntegrationTests.EventStore;

/// <summary>
/// The contract every <see cref="IEventStore"/> keeps. Each implementation runs these same tests unchanged
/// against a real database (see the subclasses).
/// </summary>
public abstract class EventStoreContract : IAsyncLifetime
{
    private readonly List<SqlEventStore> _stores = [];

    protected SqlEventStore Store => _stores[0];

    public async Task InitializeAsync()
    {
        await CreateDatabaseAsync();
        _stores.Add(CreateStore());
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        await DropDatabaseAsync();
    }

    [Fact]
    public async Task Appending_to_a_new_stream_numbers_its_events_from_revision_1_and_position_1()
    {
        var result = await Store.AppendAsync("s-1", ExpectedRevision.NoStream, Events(3), default);

        result.StreamRevision.ShouldBe(3);
        result.LastPosition.ShouldBe(3);
        result.WasDuplicate.ShouldBeFalse();
        result.Events.Select(e => e.Revision).ShouldBe([1, 2, 3]);
        result.Events.Select(e => e.Position).ShouldBe([1, 2, 3]);
        (await Store.ReadHeadPositionAsync(default)).ShouldBe(3);
    }

    [Fact]
    public async Task An_append_expecting_no_stream_is_rejected_when_the_stream_exists()
    {
        await Store.AppendAsync("s-1", ExpectedRevision.NoStream, Events(2), default);

        var error = await Should.ThrowAsync<WrongExpectedRevisionException>(
            () => Store.AppendAsync("s-1", ExpectedRevision.NoStream, Events(1), default));

        error.ActualRevision.ShouldBe(2);
        (await Store.ReadStreamAsync("s-1", 1, 100, default)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task An_append_with_a_wrong_exact_revision_is_rejected_and_writes_nothing()
    {
        await Store.AppendAsync("s-1", ExpectedRevision.NoStream, Events(2), default);

        await Should.ThrowAsync<WrongExpectedRevisionException>(() => Store.AppendAsync("s-1", ExpectedRevision.Exact(1), Events(1), default));
        await Should.ThrowAsync<WrongExpectedRevisionException>(() => Store.AppendAsync("s-1", ExpectedRevision.Exact(3), Events(1), default));

        (await Store.ReadHeadPositionAsync(default)).ShouldBe(2);
        var ok = await Store.AppendAsync("s-1", ExpectedRevision.Exact(2), Events(1), default);
        ok.StreamRevision.ShouldBe(3);
    }

    [Fact]
    public async Task Any_and_stream_exists_expectations_behave_like_EventStoreDB()
    {
        await Should.ThrowAsync<WrongExpectedRevisionException>(() => Store.AppendAsync("s-1", ExpectedRevision.StreamExists, Events(1), default));

        (await Store.AppendAsync("s-1", ExpectedRevision.Any, Events(1), default)).StreamRevision.ShouldBe(1);
        (await Store.AppendAsync("s-1", ExpectedRevision.Any, Events(1), default)).StreamRevision.ShouldBe(2);
        (await Store.AppendAsync("s-1", ExpectedRevision.StreamExists, Events(1), default)).StreamRevision.ShouldBe(3);
    }

    [Fact]
    public async Task A_retried_append_with_the_same_event_ids_returns_the_original_positions_and_appends_nothing()
    {
        var events = Events(2);
        await Store.AppendAsync("other", ExpectedRevision.NoStream, Events(1), default);
        var first = await Store.AppendAsync("s-1", ExpectedRevision.NoStream, events, default);
        await Store.AppendAsync("other", ExpectedRevision.Any, Events(1), default);

        // The retry's expected revision is stale by now; the event ids make it a recognised repeat, not a conflict.
        var retry = await Store.AppendAsync("s-1", ExpectedRevision.NoStream, events, default);

        retry.WasDuplicate.ShouldBeTrue();
        retry.Events.Select(e => e.Position).ShouldBe(first.Events.Select(e => e.Position));
        retry.Events.Select(e => e.Revision).ShouldBe([1, 2]);
        retry.Events.Select(e => e.Hash).ShouldBe(first.Events.Select(e => e.Hash));
        (await Store.ReadHeadPositionAsync(default)).ShouldBe(4);
        (await Store.ReadStreamAsync("s-1", 1, 100, default)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_retry_that_only_partly_matches_the_original_is_refused()
    {
        var events = Events(2);
        await Store.AppendAsync("s-1", ExpectedRevision.NoStream, events, default);

        await Should.ThrowAsync<IdempotencyConflictException>(
            () => Store.AppendAsync("s-1", ExpectedRevision.Any, [events[0], Events(1)[0]], default));
        (await Store.ReadHeadPositionAsync(default)).ShouldBe(2);
    }

    [Fact]
    public async Task The_same_event_id_may_appear_in_two_streams()
    {
        var shared = Events(1);
        await Store.AppendAsync("s-1", ExpectedRevision.NoStream, shared, default);
        var second = await Store.AppendAsync("s-2", ExpectedRevision.NoStream, shared, default);

        second.WasDuplicate.ShouldBeFalse();
        second.LastPosition.ShouldBe(2);
    }

    [Fact]
    public async Task Stream_ids_are_compared_exactly()
    {
        await Store.AppendAsync("Stream-A", ExpectedRevision.NoStream, Events(1), default);

        var lower = await Store.AppendAsync("stream-a", ExpectedRevision.NoStream, Events(1), default);

        lower.StreamRevision.ShouldBe(1);
    }

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
    public async Task Concurrent_appends_from_many_tasks_leave_positions_1_to_N_without_hole_or_duplicate()
    {
        var stores = AddStores(2);
        const int Writers = 24;
        const int AppendsPerWriter = 25;
        var expectedEvents = 0;
        var sizes = Enumerable.Range(0, Writers * AppendsPerWriter).Select(i => 1 + (i % 3)).ToArray();
        expectedEvents = sizes.Sum();

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            var store = stores[writer % stores.Count];
            for (var i = 0; i < AppendsPerWriter; i++)
            {
                await store.AppendAsync($"stream-{writer}-{i % 4}", ExpectedRevision.Any, Events(sizes[(writer * AppendsPerWriter) + i]), default);
            }
        })));

        var all = await ReadEverythingAsync();
        all.Select(e => e.Position).ShouldBe(Enumerable.Range(1, expectedEvents).Select(p => (long)p));
        foreach (var stream in all.GroupBy(e => e.StreamId))
        {
            stream.Select(e => e.Revision).ShouldBe(Enumerable.Range(1, stream.Count()).Select(r => (long)r), $"revisions of {stream.Key}");
        }

        (await new EventLogVerifier(Store).VerifyAsync(default)).ShouldBe(new ChainVerification(true, expectedEvents, null, null));
    }

    [Fact]
    public async Task Concurrent_appends_share_transactions()
    {
        var before = Store.Statistics;

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Store.AppendAsync($"s-{i}", ExpectedRevision.NoStream, Events(1), default)));

        var after = Store.Statistics;
        (after.Appends - before.Appends).ShouldBe(200);
        (after.Batches - before.Batches).ShouldBeLessThan(200);
    }

    [Fact]
    public async Task Only_one_of_many_racing_appends_with_the_same_expected_revision_wins()
    {
        await Store.AppendAsync("race", ExpectedRevision.NoStream, Events(1), default);
        var stores = AddStores(2);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(async () =>
        {
            try
            {
                await stores[i % stores.Count].AppendAsync("race", ExpectedRevision.Exact(1), Events(1), default);
                return true;
            }
            catch (WrongExpectedRevisionException)
            {
                return false;
            }
        })));

        attempts.Count(won => won).ShouldBe(1);
        (await Store.ReadStreamAsync("race", 1, 100, default)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_reader_polling_during_concurrent_appends_never_skips_an_event()
    {
        var stores = AddStores(2);
        const int Writers = 16;
        const int AppendsPerWriter = 40;
        var seen = new List<long>();
        using var writersDone = new CancellationTokenSource();

        var reader = Task.Run(async () =>
        {
            long after = 0;
            while (true)
            {
                var finished = writersDone.IsCancellationRequested;
                var page = await Store.ReadAllAsync(after, 50, default);
                foreach (var e in page)
                {
                    seen.Add(e.Position);
                    after = e.Position;
                }

                if (finished && page.Count == 0)
                {
                    return;
                }
            }
        });

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < AppendsPerWriter; i++)
            {
                await stores[writer % stores.Count].AppendAsync($"w-{writer}", ExpectedRevision.Any, Events(1 + (i % 2)), default);
            }
        })));
        await writersDone.CancelAsync();
        await reader;

        var total = Writers * AppendsPerWriter * 3 / 2;
        seen.ShouldBe(Enumerable.Range(1, total).Select(p => (long)p));
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

    [Fact]
    public async Task A_cancelled_append_that_was_still_queued_writes_nothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => Store.AppendAsync("s-1", ExpectedRevision.NoStream, Events(1), cancelled.Token));

        (await Store.ReadHeadPositionAsync(default)).ShouldBe(0);
    }

    protected abstract Task CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync();

    /// <summary>A new store instance on the same database: another node, as far as the database can tell.</summary>
    protected abstract SqlEventStore CreateStore();

    protected abstract Task ExecuteSqlAsync(string sql);

    protected static EventData[] Events(int count) =>
        Enumerable.Range(0, count).Select(i => new EventData(Guid.NewGuid(), "Thing.v1", $$"""{"n":{{i}}}""")).ToArray();

    private List<SqlEventStore> AddStores(int extra)
    {
        for (var i = 0; i < extra; i++)
        {
            _stores.Add(CreateStore());
        }

        return _stores;
    }

    private async Task<List<RecordedEvent>> ReadEverythingAsync()
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

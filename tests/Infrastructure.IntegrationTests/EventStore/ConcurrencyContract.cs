using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Infrastructure.EventStore;

namespace ChatClean.Infrastructure.IntegrationTests.EventStore;

/// <summary>The event-store contract under concurrency: many writers (and store instances) at once, racing expectations, a reader polling meanwhile.</summary>
public abstract class ConcurrencyContract(IEventStoreDatabase database) : EventStoreContract(database)
{
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

    /// <summary>
    /// Two store instances (two nodes) taking turns on the same streams with exact revisions: each one's memory of the
    /// head and the streams is always out of date when its turn comes, so every append first fails a key and is then
    /// written the careful way; the log stays dense and chained, and stale expectations are refused as such.
    /// </summary>
    [Fact]
    public async Task A_writer_whose_memory_another_writer_made_stale_falls_back_and_keeps_the_log_whole()
    {
        var stores = AddStores(1);
        var revisions = new Dictionary<string, long> { ["a"] = 0, ["b"] = 0 };
        for (var turn = 0; turn < 20; turn++)
        {
            var store = stores[turn % 2];
            var stream = turn % 3 == 0 ? "b" : "a";
            var result = await store.AppendAsync(stream, ExpectedRevision.Exact(revisions[stream]), Events(1 + (turn % 2)), default);
            revisions[stream] = result.StreamRevision;
        }

        stores.Sum(s => s.Statistics.FellBack).ShouldBeGreaterThan(0, "some turns tried one round trip on a head the other writer had moved");
        var stale = await Should.ThrowAsync<WrongExpectedRevisionException>(() => stores[1].AppendAsync("a", ExpectedRevision.Exact(revisions["a"] - 1), Events(1), default));
        stale.ActualRevision.ShouldBe(revisions["a"]);
        var all = await ReadEverythingAsync();
        all.Select(e => e.Position).ShouldBe(Enumerable.Range(1, all.Count).Select(p => (long)p));
        all.Where(e => e.StreamId == "a").Select(e => e.Revision).ShouldBe(Enumerable.Range(1, (int)revisions["a"]).Select(r => (long)r));
        (await new EventLogVerifier(Store).VerifyAsync(default)).Intact.ShouldBeTrue();
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
}

using ChatClean.Application.Abstractions.EventStore;

namespace ChatClean.Infrastructure.IntegrationTests.EventStore;

/// <summary>The event-store contract for appends: numbering, expected revisions, idempotent retries, cancellation.</summary>
public abstract class AppendContract(IEventStoreDatabase database) : EventStoreContract(database)
{
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
    public async Task A_cancelled_append_that_was_still_queued_writes_nothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => Store.AppendAsync("s-1", ExpectedRevision.NoStream, Events(1), cancelled.Token));

        (await Store.ReadHeadPositionAsync(default)).ShouldBe(0);
    }
}

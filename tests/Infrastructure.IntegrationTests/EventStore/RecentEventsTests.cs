using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Domain.Conversations;
using ChatClean.Infrastructure.EventStore;

namespace ChatClean.Infrastructure.IntegrationTests.EventStore;

/// <summary>The newest pages of the log held in memory for the node's live consumers: only contiguous runs, never an older page over a newer one.</summary>
public sealed class RecentEventsTests
{
    [Fact]
    public void A_held_run_answers_reads_inside_it_and_sends_reads_outside_it_to_the_store()
    {
        var recent = new RecentEvents();
        recent.TryRead(0, 10, out _).ShouldBeFalse();

        recent.Add(Events(1, 3));
        Positions(recent, 0, 10).ShouldBe([1, 2, 3]);
        Positions(recent, 1, 1).ShouldBe([2]);
        recent.TryRead(3, 10, out _).ShouldBeFalse();

        recent.Add(Events(2, 5));
        Positions(recent, 0, 10).ShouldBe([1, 2, 3, 4, 5]);
    }

    [Fact]
    public void A_page_past_a_gap_starts_a_new_run_and_an_older_page_is_ignored()
    {
        var recent = new RecentEvents();
        recent.Add(Events(1, 3));
        recent.Add(Events(10, 12));

        recent.TryRead(0, 10, out _).ShouldBeFalse();
        Positions(recent, 9, 10).ShouldBe([10, 11, 12]);

        recent.Add(Events(1, 3));
        Positions(recent, 9, 10).ShouldBe([10, 11, 12]);
        recent.TryRead(0, 10, out _).ShouldBeFalse();
    }

    [Fact]
    public void Beyond_its_capacity_the_oldest_events_are_let_go()
    {
        var recent = new RecentEvents(capacity: 4);
        recent.Add(Events(1, 6));

        recent.TryRead(1, 10, out _).ShouldBeFalse();
        Positions(recent, 2, 10).ShouldBe([3, 4, 5, 6]);
    }

    private static long[] Positions(RecentEvents recent, long after, int max)
    {
        recent.TryRead(after, max, out var page).ShouldBeTrue();
        return page.Select(e => e.Position).ToArray();
    }

    private static StoredEvent<IConversationEvent>[] Events(long from, long to) =>
        Enumerable.Range((int)from, (int)(to - from + 1)).Select(p => new StoredEvent<IConversationEvent>(
            new ConversationClosed(Guid.NewGuid(), ActorKind.System, null, null, DateTimeOffset.UnixEpoch),
            Guid.NewGuid(), "conversation-x", 1, p, DateTimeOffset.UnixEpoch, EventMetadata.None)).ToArray();
}

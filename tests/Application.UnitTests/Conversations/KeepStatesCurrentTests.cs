using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Application.Conversations;
using ChatClean.Domain.Common;
using ChatClean.Domain.Conversations;
using ChatClean.Domain.Users;

namespace ChatClean.Application.UnitTests.Conversations;

/// <summary>A node's kept states follow the log: another node's writes, seen by this node, are folded in before the next command.</summary>
public sealed class Kept_states_follow_the_log
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly ConversationId Id = new(Guid.Parse("0196a000-0000-7000-8000-000000000002"));
    private static readonly UserId Customer = new(Guid.Parse("0196a000-0000-7000-8000-0000000000c2"));

    private readonly InMemoryEventStore _store = new();
    private readonly DictionaryStateCache _states = new();

    private ConversationWriter Writer => new(_store, _states, TimeProvider.System);

    [Fact]
    public async Task After_another_nodes_write_the_next_command_decides_on_current_state_and_reads_nothing()
    {
        await StartAsync();
        var reactor = new KeepStatesCurrent(_states);
        await reactor.ReactAsync(OtherNodeWrites(new HumanRequested(Id.Value, 1, HandoffReason.CustomerAsked, ActorKind.Customer, Customer.Value, T0.AddSeconds(1))), default);
        var reads = _store.StreamReads;

        var cancelled = await Writer.ExecuteAsync(Id, Actor.Customer(Customer), (_, now) => new CancelHumanRequest(Actor.Customer(Customer), now), default);

        cancelled.Decision.ShouldBeOfType<Decision.Changed>();
        _store.StreamReads.ShouldBe(reads, "the kept state already held the other node's event");
        _states.Find(Id)!.Version.ShouldBe(3);
    }

    [Fact]
    public async Task A_state_further_behind_is_left_for_the_write_path_and_an_event_already_kept_changes_nothing()
    {
        await StartAsync();
        var reactor = new KeepStatesCurrent(_states);
        OtherNodeWrites(new HumanRequested(Id.Value, 1, HandoffReason.CustomerAsked, ActorKind.Customer, Customer.Value, T0.AddSeconds(1)));
        var third = OtherNodeWrites(new HumanRequestCancelled(Id.Value, 1, T0.AddSeconds(2)));

        await reactor.ReactAsync(third, default);
        _states.Find(Id)!.Version.ShouldBe(1, "the event right after the kept version was missed: folding a later one would skip it");

        var kept = _states.Find(Id);
        await reactor.ReactAsync((await _store.ReadStreamAsync(Id.StreamName, 1, 1, default))[0], default);
        _states.Find(Id).ShouldBe(kept);
    }

    private async Task StartAsync() =>
        await Writer.ExecuteAsync(Id, Actor.Customer(Customer), (_, now) => new StartConversation(Id, Customer, "Order 42", now), default);

    /// <summary>Another node appends <paramref name="e"/>; this node sees it in the log as the stored event returned.</summary>
    private StoredEvent<IConversationEvent> OtherNodeWrites(IConversationEvent e)
    {
        _store.Write(Id, e);
        var seq = _store.EventsOf(Id).Count;
        return new StoredEvent<IConversationEvent>(e, Guid.NewGuid(), Id.StreamName, seq, seq, e.At, EventMetadata.None);
    }
}

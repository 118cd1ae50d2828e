using ChatClean.Application.Common;
using ChatClean.Application.Conversations;
using ChatClean.Domain.Common;
using ChatClean.Domain.Conversations;
using ChatClean.Domain.Users;

namespace ChatClean.Application.UnitTests.Conversations;

/// <summary>The write path's decisions and retries, on a fake store: what it appends, what it answers, and when it reads.</summary>
public sealed class The_write_path
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly ConversationId Id = new(Guid.Parse("0196a000-0000-7000-8000-000000000001"));
    private static readonly UserId Customer = new(Guid.Parse("0196a000-0000-7000-8000-0000000000c1"));
    private static readonly UserId AgentA = new(Guid.Parse("0196a000-0000-7000-8000-0000000000a1"));
    private static readonly UserId AgentB = new(Guid.Parse("0196a000-0000-7000-8000-0000000000a2"));

    private readonly InMemoryEventStore _store = new();
    private readonly DictionaryStateCache _states = new();

    private ConversationWriter Writer => new(_store, _states, TimeProvider.System);

    private static Caller CustomerCaller => new(Customer, UserRole.Customer);

    [Fact]
    public async Task A_message_is_appended_with_the_revision_it_was_decided_on_and_answered_with_its_seq()
    {
        await StartAsync();

        var posted = await PostAsync("hello", "c-1");

        posted.ShouldBe(posted with { Duplicate = false, Version = 2 });
        posted.Message.Seq.ShouldBe(2);
        _store.EventsOf(Id).Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_retried_message_appends_nothing_and_answers_the_original_read_at_its_seq()
    {
        await StartAsync();
        var first = await PostAsync("hello", "c-1");
        await PostAsync("something else", "c-2");

        var retry = await PostAsync("hello", "c-1");

        retry.Duplicate.ShouldBeTrue();
        retry.Message.ShouldBe(first.Message);
        retry.Version.ShouldBe(3);
        _store.EventsOf(Id).Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_command_on_a_kept_state_reads_nothing_before_its_append()
    {
        await StartAsync();
        await PostAsync("warm", "c-0");
        var reads = _store.StreamReads;

        await PostAsync("hot path", "c-1");

        _store.StreamReads.ShouldBe(reads, "a node that wrote last decides on the state it keeps and lets the expected revision check it");
    }

    [Fact]
    public async Task When_another_node_wrote_first_the_command_is_decided_again_on_what_it_wrote()
    {
        await StartAsync();
        await RequestHumanAsync();
        _store.BeforeNextAppend = () => _store.Write(Id, new AgentTookOver(Id.Value, AgentB.Value, 1, T0.AddSeconds(5)));

        var error = await Should.ThrowAsync<DomainException>(() =>
            Writer.ExecuteAsync(Id, Actor.Agent(AgentA), (_, now) => new TakeOver(AgentA, now), default));

        error.Code.ShouldBe("conversation.already_taken");
        _store.EventsOf(Id).OfType<AgentTookOver>().Single().AgentId.ShouldBe(AgentB.Value);
    }

    [Fact]
    public async Task A_message_that_lost_a_race_is_appended_after_the_winner()
    {
        await StartAsync();
        _store.BeforeNextAppend = () => _store.Write(Id, new MessagePosted(Id.Value, Guid.NewGuid(), SenderKind.Customer, Customer.Value, "other tab", "c-9", T0));

        var posted = await PostAsync("mine", "c-1");

        posted.Message.Seq.ShouldBe(3);
        _store.EventsOf(Id).OfType<MessagePosted>().Select(m => m.Body).ShouldBe(["other tab", "mine"]);
    }

    [Fact]
    public async Task Nothing_to_do_on_a_kept_state_is_checked_against_the_log_first()
    {
        await StartAsync();
        await RequestHumanAsync();
        _store.Write(Id, new HumanRequestCancelled(Id.Value, 1, T0.AddSeconds(3)));

        // The kept state says "waiting", where a second request settles nothing; the log says the request was cancelled.
        var changed = await new RequestHumanHandler(Writer).Handle(new RequestHumanCommand(CustomerCaller, Id.Value), default);

        changed.Changed.ShouldBeTrue();
        changed.Mode.ShouldBe(ConversationMode.Waiting);
        _store.EventsOf(Id).OfType<HumanRequested>().Select(r => r.Episode).ShouldBe([1, 2]);
    }

    [Fact]
    public async Task A_refusal_on_a_kept_state_is_checked_against_the_log_first()
    {
        await StartAsync();
        await RequestHumanAsync();
        _store.Write(Id, new AgentTookOver(Id.Value, AgentA.Value, 1, T0.AddSeconds(3)));

        // The kept state says "waiting", where an agent may not post; the log says agent A holds the conversation.
        var posted = await Writer.ExecuteAsync(
            Id, Actor.Agent(AgentA), (_, now) => new PostMessage(Guid.NewGuid(), Actor.Agent(AgentA), MessageBody.Create("Hi, Anna here."), null, now), default);

        posted.Changed.ShouldBeTrue();
        posted.Version.ShouldBe(4);
    }

    [Fact]
    public async Task A_conversation_that_keeps_changing_under_the_command_ends_in_a_409_after_eight_attempts()
    {
        await StartAsync();
        var attempts = 0;
        void Interfere()
        {
            attempts++;
            _store.Write(Id, new MessagePosted(Id.Value, Guid.NewGuid(), SenderKind.Customer, Customer.Value, "noise", null, T0));
            _store.BeforeNextAppend = Interfere;
        }

        _store.BeforeNextAppend = Interfere;

        var error = await Should.ThrowAsync<ConflictException>(() => PostAsync("never", "c-1"));

        error.Code.ShouldBe("conversation.concurrency_conflict");
        attempts.ShouldBe(8);
        _store.BeforeNextAppend = null;
    }

    [Fact]
    public async Task Every_event_carries_who_caused_it()
    {
        await StartAsync();
        await PostAsync("hello", "c-1");

        var stored = await _store.ReadStreamAsync(Id.StreamName, 2, 1, default);

        stored[0].Metadata.ActorKind.ShouldBe(ActorKind.Customer);
        stored[0].Metadata.ActorId.ShouldBe(Customer.Value);
    }

    [Fact]
    public async Task Times_are_kept_to_the_microsecond_like_every_store()
    {
        await StartAsync();

        var posted = await PostAsync("hello", "c-1");

        (posted.Message.PostedAt.UtcTicks % 10).ShouldBe(0);
    }

    private async Task StartAsync() =>
        await Writer.ExecuteAsync(Id, Actor.Customer(Customer), (_, now) => new StartConversation(Id, Customer, "Order 42", now), default);

    private async Task<ConversationChanged> RequestHumanAsync() => await new RequestHumanHandler(Writer).Handle(new RequestHumanCommand(CustomerCaller, Id.Value), default);

    private async Task<PostedMessage> PostAsync(string body, string clientMessageId) =>
        await new PostMessageHandler(Writer, _store, ChatClean.Application.Abstractions.Plugins.NoScreen.Instance).Handle(new PostMessageCommand(CustomerCaller, Id.Value, body, clientMessageId), default);
}

using ChatClean.Application.Abstractions.ReadModels;
using ChatClean.Application.Common;
using ChatClean.Application.Conversations;
using ChatClean.Domain.Common;
using ChatClean.Domain.Conversations;

namespace ChatClean.Application.UnitTests.Conversations;

/// <summary>The read path's one rule: the caller's own writes are always in the answer, wherever it comes from.</summary>
public sealed class Reading_one_conversation
{
    private static readonly ConversationId Id = new(Guid.Parse("0196a000-0000-7000-8000-000000000001"));
    private static readonly Guid Customer = Guid.Parse("0196a000-0000-7000-8000-0000000000c1");
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    private readonly InMemoryEventStore _store = new();
    private readonly StubReadModel _readModel = new();

    public Reading_one_conversation() => _store.Write(
        Id,
        new ConversationStarted(Id.Value, Customer, "Order 42", T0),
        new MessagePosted(Id.Value, Guid.NewGuid(), SenderKind.Customer, Customer, "Where is it?", "c-1", T0.AddSeconds(1)),
        new HumanRequested(Id.Value, 1, HandoffReason.CustomerAsked, ActorKind.Customer, Customer, T0.AddSeconds(2)));

    private ConversationReads Reads => new(_store, _readModel);

    [Fact]
    public async Task Read_models_that_hold_the_writes_answer()
    {
        _readModel.Holds = 3;
        _readModel.Summary = new ConversationSummary { Id = Id.Value, Subject = "from the read model", Version = 3 };

        (await Reads.SummaryAsync(Id.Value, null, default))!.Subject.ShouldBe("from the read model");
    }

    [Fact]
    public async Task While_the_read_models_are_behind_the_same_fold_over_the_stream_answers()
    {
        _readModel.Holds = 1;

        var summary = await Reads.SummaryAsync(Id.Value, null, default);

        summary!.Version.ShouldBe(3);
        summary.Mode.ShouldBe(ConversationMode.Waiting);
        summary.Messages.Customer.ShouldBe(1);
        summary.Waiting.ShouldBe(new WaitingView(1, HandoffReason.CustomerAsked, T0.AddSeconds(2)));
        (await Reads.MessagesAfterAsync(Id.Value, 0, 10, null, default)).Select(m => m.Body).ShouldBe(["Where is it?"]);
        _readModel.Waits.ShouldAllBe(w => w == ConversationReads.CatchUpWait);
    }

    [Fact]
    public async Task A_version_asked_for_that_the_read_models_do_not_reach_is_a_409()
    {
        _readModel.Holds = 1;

        var error = await Should.ThrowAsync<ConflictException>(() => Reads.SummaryAsync(Id.Value, 3, default));

        error.Code.ShouldBe("read_model.behind");
        _readModel.Waits.ShouldBe([ConversationReads.MaxWait]);
    }

    /// <summary>A read model that holds the conversation up to <see cref="Holds"/> and says so at once.</summary>
    private sealed class StubReadModel : IConversationReadModel
    {
        public long Holds { get; set; }

        public ConversationSummary? Summary { get; set; }

        public List<TimeSpan> Waits { get; } = [];

        public Task<bool> WaitForVersionAsync(Guid conversationId, long version, TimeSpan timeout, CancellationToken cancellationToken)
        {
            Waits.Add(timeout);
            return Task.FromResult(Holds >= version);
        }

        public Task<ConversationSummary?> FindAsync(Guid conversationId, CancellationToken cancellationToken) => Task.FromResult(Summary);

        public Task<IReadOnlyList<MessageView>> MessagesAfterAsync(Guid conversationId, long afterSeq, int limit, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("behind: not asked");

        public Task<IReadOnlyList<ConversationSummary>> ListForCustomerAsync(UserId customerId, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<ConversationSummary>> ListForAgentAsync(UserId agentId, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<WaitingEntry>> ListWaitingAsync(int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<TimeSpan>> RecentWaitTimesAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<(Guid ConversationId, long Seq)>> ListAwaitingReplyAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<ConversationPage> SearchAsync(ConversationFilter filter, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<TranscriptMessage>> TranscriptAsync(Guid conversationId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<EpisodeSummary>> EpisodesAsync(Guid conversationId, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}

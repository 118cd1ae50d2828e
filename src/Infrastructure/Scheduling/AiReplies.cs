using System.Collections.Concurrent;
using System.Text.Json;
using ChatClean.Application.Abstractions.Ai;
using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Application.Abstractions.ReadModels;
using ChatClean.Application.Ai;
using ChatClean.Domain.Conversations;
using ChatClean.Infrastructure.Redis;
using Hangfire;
using Hangfire.Common;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatClean.Infrastructure.Scheduling;

/// <summary>The Hangfire job that answers one customer message (any node runs it; a retry posts nothing twice).</summary>
public sealed class AiReplyJob(IMediator mediator)
{
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [1, 2, 5])]
    [JobDisplayName("AI reply in {0} to seq {1}")]
    public async Task RunAsync(Guid conversationId, long customerSeq, CancellationToken cancellationToken) =>
        await mediator.Send(new AnswerCustomerCommand(conversationId, customerSeq), cancellationToken);
}

/// <summary>One AI reply job per customer message, whichever node sees it first.</summary>
public sealed class AiReplyScheduler(JobLedger ledger, TimeProvider clock, IOptions<AiOptions> ai)
{
    public static string KeyOf(Guid conversationId, long seq) => $"chatclean:ai-reply:{conversationId:N}:{seq}";

    /// <summary>A reply may take the model's whole timeout, a retry's worth more, and the fallback.</summary>
    private TimeSpan StuckAfter => (ai.Value.OpenAI.Timeout * 2) + TimeSpan.FromMinutes(1);

    public ArmOutcome Ensure(Guid conversationId, long seq) =>
        ledger.Ensure(
            KeyOf(conversationId, seq), Job.FromExpression<AiReplyJob>(j => j.RunAsync(conversationId, seq, CancellationToken.None)), clock.GetUtcNow(), StuckAfter);
}

/// <summary>
/// Follows the event log: every customer message in <c>ai</c> mode gets a reply job, and every event that takes the
/// conversation from the AI (a handoff, a takeover, a close) or a newer customer message interrupts the reply in
/// progress on this node. At start-up and periodically, conversations whose last message is a customer's, recent and
/// unanswered, get their job too: no customer message is left unanswered by a restart.
/// </summary>
public sealed partial class AiReplyWatcher(
    IEventStore eventStore,
    AiReplyScheduler scheduler,
    ReplyInterrupts interrupts,
    IServiceScopeFactory scopes,
    IOptions<AiOptions> ai,
    IOptions<SchedulingOptions> scheduling,
    TimeProvider clock,
    ILogger<AiReplyWatcher> logger) : EventLogFollower(eventStore, scopes, logger)
{
    /// <summary>Older unanswered messages are left alone at start-up: answering them now would surprise more than help.</summary>
    public static readonly TimeSpan ReconcileWindow = TimeSpan.FromMinutes(10);

    private const int MaxTrackedConversations = 100_000;

    /// <summary>The mode of conversations this node has seen change; unknown ones get a job, which checks the mode itself.</summary>
    private readonly ConcurrentDictionary<Guid, ConversationMode> _modes = new();

    protected override TimeSpan ReconcileInterval => scheduling.Value.ReconcileInterval;

    protected override Task HandleAsync(IConversationEvent @event, long seq, CancellationToken cancellationToken)
    {
        if (_modes.Count > MaxTrackedConversations)
        {
            _modes.Clear();
        }

        var id = @event.ConversationId;
        switch (@event)
        {
            case ConversationStarted:
                _modes[id] = ConversationMode.Ai;
                break;
            case MessagePosted { Sender: SenderKind.Customer }:
                interrupts.Interrupt(id, beforeSeq: seq);
                if (ai.Value.Enabled && (!_modes.TryGetValue(id, out var mode) || mode == ConversationMode.Ai))
                {
                    scheduler.Ensure(id, seq);
                }

                break;
            case HumanRequested:
                _modes[id] = ConversationMode.Waiting;
                interrupts.Interrupt(id);
                break;
            case AgentTookOver or AgentTransferred:
                _modes[id] = ConversationMode.Human;
                interrupts.Interrupt(id);
                break;
            case HumanRequestCancelled or TimedOutToAI or HumanSessionEnded:
                _modes[id] = ConversationMode.Ai;
                break;
            case ConversationClosed:
                _modes.TryRemove(id, out _);
                interrupts.Interrupt(id);
                break;
        }

        return Task.CompletedTask;
    }

    protected override async Task<int> ReconcileCoreAsync(CancellationToken cancellationToken)
    {
        if (!ai.Value.Enabled)
        {
            return 0;
        }

        await using var scope = Scopes.CreateAsyncScope();
        var awaiting = await scope.ServiceProvider.GetRequiredService<IConversationReadModel>()
            .ListAwaitingReplyAsync(clock.GetUtcNow() - ReconcileWindow, cancellationToken);
        var armed = awaiting.Count(a => scheduler.Ensure(a.ConversationId, a.Seq) == ArmOutcome.Armed);
        LogReconciled(logger, awaiting.Count, armed);
        return armed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "AI replies reconciled: {Awaiting} recent customer messages unanswered, {Armed} jobs armed")]
    private static partial void LogReconciled(ILogger logger, int awaiting, int armed);
}

/// <summary>Reply deltas to every node over the cluster bus (Redis pub/sub, or in process in the embedded default).</summary>
public sealed class ClusterReplyChannel(IClusterBus bus) : IReplyChannel
{
    public const string Channel = "ai-delta";

    public void Publish(ReplyDelta delta) => bus.Publish(Channel, JsonSerializer.Serialize(delta, JsonSerializerOptions.Web));

    public static ReplyDelta? Parse(string message) => JsonSerializer.Deserialize<ReplyDelta>(message, JsonSerializerOptions.Web);
}

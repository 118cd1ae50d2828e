using System.Collections.Concurrent;
using ChatClean.Application.Abstractions.Jobs;
using ChatClean.Application.Abstractions.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatClean.Application.Ai;

/// <summary>
/// The process rule of AI replies: every customer message while the AI has the conversation gets one reply job; every
/// event that takes the conversation from the AI (a handoff, a takeover, a close), and a newer customer message,
/// interrupts the reply in progress on this node. Reconciling arms a job for recent customer messages left unanswered,
/// so no customer message goes unanswered across a restart.
/// </summary>
public sealed partial class ScheduleAiReply(
    IJobScheduler jobs,
    ReplyInterrupts interrupts,
    IServiceScopeFactory scopes,
    IOptions<AiOptions> options,
    TimeProvider clock,
    ILogger<ScheduleAiReply> logger) : IReconcilingReactor
{
    /// <summary>Older unanswered messages are left alone at start-up: answering them now would surprise more than help.</summary>
    public static readonly TimeSpan ReconcileWindow = TimeSpan.FromMinutes(10);

    private const int MaxTrackedConversations = 100_000;

    /// <summary>The mode of the conversations this node saw change; an unknown one gets a job, which checks the mode itself.</summary>
    private readonly ConcurrentDictionary<Guid, ConversationMode> _modes = new();

    public string Name => "ai-replies";

    public ValueTask ReactAsync(StoredEvent<IConversationEvent> stored, CancellationToken cancellationToken)
    {
        if (_modes.Count > MaxTrackedConversations)
        {
            _modes.Clear();
        }

        var @event = stored.Event;
        var id = @event.ConversationId;
        if (@event is MessagePosted { Sender: SenderKind.Customer })
        {
            interrupts.Interrupt(id, beforeSeq: stored.Seq);
            if (options.Value.Enabled && (!_modes.TryGetValue(id, out var mode) || mode == ConversationMode.Ai))
            {
                jobs.ArmAiReply(id, stored.Seq);
            }
        }
        else if (ConversationSummary.ModeAfter(@event) is { } after)
        {
            _modes[id] = after;
            if (after != ConversationMode.Ai)
            {
                interrupts.Interrupt(id);
            }
        }

        return ValueTask.CompletedTask;
    }

    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var awaiting = await scope.ServiceProvider.GetRequiredService<IConversationReadModel>()
            .ListAwaitingReplyAsync(clock.GetUtcNow() - ReconcileWindow, cancellationToken);
        var armed = awaiting.Count(a => jobs.ArmAiReply(a.ConversationId, a.Seq) == JobArming.Armed);
        LogReconciled(logger, awaiting.Count, armed);
        return armed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "AI replies reconciled: {Awaiting} recent customer messages unanswered, {Armed} jobs armed")]
    private static partial void LogReconciled(ILogger logger, int awaiting, int armed);
}

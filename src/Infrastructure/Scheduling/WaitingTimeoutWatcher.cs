using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Application.Abstractions.ReadModels;
using ChatClean.Application.Conversations;
using ChatClean.Domain.Conversations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatClean.Infrastructure.Scheduling;

/// <summary>
/// Arms and disarms the waiting timeouts from the event log, so every path that requests a human is covered, and
/// reconciles with the read models: every conversation they show waiting gets a live job (an embedded job storage
/// that lost its jobs loses nothing).
/// </summary>
public sealed partial class WaitingTimeoutWatcher(
    IEventStore eventStore,
    WaitingTimeoutScheduler scheduler,
    IServiceScopeFactory scopes,
    IOptions<ConversationOptions> conversations,
    IOptions<SchedulingOptions> scheduling,
    ILogger<WaitingTimeoutWatcher> logger) : EventLogFollower(eventStore, scopes, logger)
{
    protected override TimeSpan ReconcileInterval => scheduling.Value.ReconcileInterval;

    protected override Task HandleAsync(IConversationEvent @event, long seq, CancellationToken cancellationToken)
    {
        switch (@event)
        {
            case HumanRequested e:
                scheduler.Arm(e.ConversationId, e.Episode, conversations.Value.DeadlineOf(e));
                break;
            case HumanRequestCancelled e:
                scheduler.Disarm(e.ConversationId, e.Episode, deletePendingJob: true);
                break;
            case AgentTookOver { Episode: { } episode } e:
                scheduler.Disarm(e.ConversationId, episode, deletePendingJob: true);
                break;
            case ConversationClosed { Episode: { } episode } e:
                scheduler.Disarm(e.ConversationId, episode, deletePendingJob: true);
                break;
            case TimedOutToAI e:
                scheduler.Disarm(e.ConversationId, e.Episode, deletePendingJob: false);
                break;
        }

        return Task.CompletedTask;
    }

    /// <summary>Every episode the read models show waiting gets a live job; returns how many had to be armed.</summary>
    protected override async Task<int> ReconcileCoreAsync(CancellationToken cancellationToken)
    {
        await using var scope = Scopes.CreateAsyncScope();
        var waiting = await scope.ServiceProvider.GetRequiredService<IConversationReadModel>().ListWaitingAsync(int.MaxValue, cancellationToken);
        var armed = waiting.Count(entry =>
            scheduler.Arm(entry.ConversationId, entry.Episode, conversations.Value.DeadlineOf(entry.Reason, entry.RequestedAt)) == ArmOutcome.Armed);
        LogReconciled(logger, waiting.Count, armed);
        return armed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting timeouts reconciled: {Waiting} conversations waiting, {Armed} jobs armed")]
    private static partial void LogReconciled(ILogger logger, int waiting, int armed);
}

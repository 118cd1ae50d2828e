using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Application.Abstractions.ReadModels;
using ChatClean.Application.Conversations;
using ChatClean.Domain.Conversations;
using ChatClean.Infrastructure.Persistence;
using ChatClean.Infrastructure.ReadModels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatClean.Infrastructure.Scheduling;

/// <summary>
/// Arms and disarms the waiting timeouts from the event log, so every path that requests a human is covered.
/// On start-up it takes the log's head, waits for the read models to reach it, and reconciles: every conversation
/// they show waiting gets a live job (an embedded job storage that lost its jobs loses nothing). Then it follows the
/// log from that head, and reconciles again every <see cref="SchedulingOptions.ReconcileInterval"/>. Every node does
/// this; the scheduler makes it idempotent.
/// </summary>
public sealed partial class WaitingTimeoutWatcher(
    IEventStore eventStore,
    WaitingTimeoutScheduler scheduler,
    IServiceScopeFactory scopes,
    IOptions<ConversationOptions> conversations,
    IOptions<SchedulingOptions> scheduling,
    ILogger<WaitingTimeoutWatcher> logger) : BackgroundService
{
    private static readonly TimeSpan ReadModelCatchUpLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the start-up reconciliation is done and the log is being followed.</summary>
    public Task Ready => _ready.Task;

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var periodic = ReconcilePeriodicallyAsync(stoppingToken);
        long position = -1;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (position < 0)
                {
                    var head = await eventStore.ReadHeadPositionAsync(stoppingToken);
                    await WaitForReadModelsAsync(head, stoppingToken);
                    await ReconcileAsync(stoppingToken);
                    position = head;
                    _ready.TrySetResult();
                }

                await foreach (var recorded in eventStore.SubscribeToAllAsync(position, stoppingToken))
                {
                    if (ConversationEventSerializer.IsConversationEvent(recorded))
                    {
                        await HandleAsync(ConversationEventSerializer.Deserialize(recorded), stoppingToken);
                    }

                    position = recorded.Position;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                // The job storage or the database is unreachable: go on from the last event handled.
                LogFailure(logger, exception);
                await Task.Delay(RetryDelay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        await periodic.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task HandleAsync(IConversationEvent @event, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
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
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Every episode the read models show waiting gets a live job; returns how many had to be armed.</summary>
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var waiting = await scope.ServiceProvider.GetRequiredService<IConversationReadModel>().ListWaitingAsync(int.MaxValue, cancellationToken);
        var armed = 0;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var entry in waiting)
            {
                var deadline = conversations.Value.DeadlineOf(entry.Reason, entry.RequestedAt);
                if (scheduler.Arm(entry.ConversationId, entry.Episode, deadline) == ArmOutcome.Armed)
                {
                    armed++;
                }
            }
        }
        finally
        {
            _gate.Release();
        }

        LogReconciled(logger, waiting.Count, armed);
        return armed;
    }

    private async Task ReconcilePeriodicallyAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(scheduling.Value.ReconcileInterval);
        try
        {
            await Ready.WaitAsync(stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await ReconcileAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogFailure(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Waits (bounded) until the read models have projected the log up to <paramref name="head"/>.</summary>
    private async Task WaitForReadModelsAsync(long head, CancellationToken cancellationToken)
    {
        var giveUpAt = DateTime.UtcNow + ReadModelCatchUpLimit;
        while (DateTime.UtcNow < giveUpAt)
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ChatCleanDbContext>();
                var name = scope.ServiceProvider.GetRequiredService<ReadModelProjection>().Name;
                var checkpoint = await db.ProjectionCheckpoints.AsNoTracking()
                    .Where(c => c.Name == name).Select(c => (long?)c.Position).SingleOrDefaultAsync(cancellationToken);
                if (checkpoint >= head)
                {
                    return;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }

        LogReadModelsBehind(logger, head);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The waiting-timeout watcher failed; it goes on from the last event it handled")]
    private static partial void LogFailure(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting timeouts reconciled: {Waiting} conversations waiting, {Armed} jobs armed")]
    private static partial void LogReconciled(ILogger logger, int waiting, int armed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The read models had not reached position {Head} in time; reconciling with what they hold")]
    private static partial void LogReadModelsBehind(ILogger logger, long head);
}

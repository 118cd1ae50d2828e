using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Application.Conversations;
using ChatClean.Domain.Conversations;
using ChatClean.Infrastructure.Persistence;
using ChatClean.Infrastructure.ReadModels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatClean.Infrastructure.Scheduling;

/// <summary>
/// A node's reaction to conversation events that must not be missed across restarts. On start-up it takes the log's
/// head, waits (bounded) for the read models to reach it and reconciles from them; then it follows the log from that
/// head, and reconciles again every <see cref="ReconcileInterval"/>. Handling and reconciling never run at the same
/// time. Every node does this, so what it arms must be idempotent (see <see cref="JobLedger"/>).
/// </summary>
public abstract partial class EventLogFollower(IEventStore eventStore, IServiceScopeFactory scopes, ILogger logger) : BackgroundService
{
    private static readonly TimeSpan ReadModelCatchUpLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the start-up reconciliation is done and the log is being followed.</summary>
    private Task Ready => _ready.Task;

    protected IServiceScopeFactory Scopes => scopes;

    protected abstract TimeSpan ReconcileInterval { get; }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Makes sure everything the read models show is armed; returns how much had to be.</summary>
    private async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await ReconcileCoreAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    protected abstract Task<int> ReconcileCoreAsync(CancellationToken cancellationToken);

    protected abstract Task HandleAsync(IConversationEvent @event, long seq, CancellationToken cancellationToken);

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
                        await _gate.WaitAsync(stoppingToken);
                        try
                        {
                            await HandleAsync(ConversationEventSerializer.Deserialize(recorded), recorded.Revision, stoppingToken);
                        }
                        finally
                        {
                            _gate.Release();
                        }
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
                LogFailure(logger, GetType().Name, exception);
                await Task.Delay(RetryDelay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        await periodic.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task ReconcilePeriodicallyAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(ReconcileInterval);
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
                    LogFailure(logger, GetType().Name, exception);
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

        LogReadModelsBehind(logger, GetType().Name, head);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Follower} failed; it goes on from the last event it handled")]
    private static partial void LogFailure(ILogger logger, string follower, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Follower}: the read models had not reached position {Head} in time; reconciling with what they hold")]
    private static partial void LogReadModelsBehind(ILogger logger, string follower, long head);
}

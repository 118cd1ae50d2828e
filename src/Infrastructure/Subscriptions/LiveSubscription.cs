using ChatClean.Application.Abstractions.Subscriptions;
using ChatClean.Infrastructure.EventStore;
using ChatClean.Infrastructure.ReadModels;
using ChatClean.Application.Common;

namespace ChatClean.Infrastructure.Subscriptions;

/// <summary>
/// A reactor's subscription, live from the head: it starts at the log's head when the node starts and hands the
/// reactor every event committed after that; after a failure it goes on from the last event handled. A reconciling
/// reactor first waits (bounded) for the read models to reach that head and reconciles from them, then again every
/// <see cref="LiveSubscriptionOptions.ReconcileInterval"/>; reacting and reconciling never run at the same time.
/// </summary>
public sealed partial class LiveSubscription<TReactor>(
    TReactor reactor,
    IEventStore eventStore,
    AppendSignal signal,
    IServiceScopeFactory scopes,
    IOptions<EventStoreOptions> options,
    IOptions<LiveSubscriptionOptions> live,
    TimeProvider clock,
    ILogger<LiveSubscription<TReactor>> logger) : Subscription(eventStore, signal, options, clock, logger)
    where TReactor : IEventReactor
{
    private static readonly TimeSpan ReadModelCatchUpLimit = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TaskCompletionSource _following = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long? _handled;

    public override string Name => reactor.Name;

    /// <summary>Completes once the subscription has taken the head (and reconciled) and follows the log from there.</summary>
    public Task Following => _following.Task;

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var periodic = reactor is IReconcilingReactor reconciling ? ReconcilePeriodicallyAsync(reconciling, stoppingToken) : Task.CompletedTask;
        await base.ExecuteAsync(stoppingToken);
        await periodic.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    protected override async Task<long> StartPositionAsync(CancellationToken cancellationToken)
    {
        var head = await EventStore.ReadHeadPositionAsync(cancellationToken);
        if (reactor is IReconcilingReactor reconciling)
        {
            await WaitForReadModelsAsync(head, cancellationToken);
            await ReconcileAsync(reconciling, cancellationToken);
        }

        _handled = head;
        _following.TrySetResult();
        return head;
    }

    protected override long? ResumeAfterFailure() => _handled;

    protected override async Task<long> ConsumeAsync(IReadOnlyList<StoredEvent<IConversationEvent>> page, CancellationToken cancellationToken)
    {
        foreach (var stored in page)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                await reactor.ReactAsync(stored, cancellationToken);
            }
            finally
            {
                _gate.Release();
            }

            _handled = stored.Position;
        }

        return page[^1].Position;
    }

    private async Task ReconcileAsync(IReconcilingReactor reconciling, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await reconciling.ReconcileAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ReconcilePeriodicallyAsync(IReconcilingReactor reconciling, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(live.Value.ReconcileInterval);
        try
        {
            await _following.Task.WaitAsync(stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await ReconcileAsync(reconciling, stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogReconcileFailed(logger, exception, Name);
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
        var giveUpAt = Clock.GetUtcNow() + ReadModelCatchUpLimit;
        while (Clock.GetUtcNow() < giveUpAt)
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ChatCleanDbContext>();
                if (await ProjectionCheckpoints.ReadAsync(db, ProjectionCheckpoints.ReadModels, cancellationToken) >= head)
                {
                    return;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), Clock, cancellationToken);
        }

        LogReadModelsBehind(logger, Name, head);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Subscription {Subscription} could not reconcile; it tries again at the next interval")]
    private static partial void LogReconcileFailed(ILogger logger, Exception exception, string subscription);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Subscription}: the read models had not reached position {Head} in time; reconciling with what they hold")]
    private static partial void LogReadModelsBehind(ILogger logger, string subscription, long head);
}

/// <summary>How often reconciling reactors check what the read models show (<c>Hangfire:ReconcileInterval</c>).</summary>
public sealed class LiveSubscriptionOptions
{
    [Positive]
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(1);
}

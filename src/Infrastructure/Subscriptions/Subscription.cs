using ChatClean.Infrastructure.EventStore;
using Microsoft.Extensions.Hosting;

namespace ChatClean.Infrastructure.Subscriptions;

/// <summary>
/// The one loop every consumer of the event log runs in: read the page after its position, hand it over, and when
/// caught up wait for the next commit (this node's, or another node's through the cluster bus) or the poll interval.
/// A failure is logged and retried after the <see cref="RetryPolicy"/> back-off, from where the mode says:
/// <see cref="ProjectionSubscription"/> (checkpoint in the projection's own transaction) starts again from its stored
/// checkpoint, <see cref="LiveSubscription{TReactor}"/> (live from the head) from the last event it handled.
/// </summary>
public abstract partial class Subscription(IEventStore eventStore, AppendSignal signal, IOptions<EventStoreOptions> options, TimeProvider clock, ILogger logger)
    : BackgroundService
{
    public abstract string Name { get; }

    protected IEventStore EventStore => eventStore;

    protected TimeProvider Clock => clock;

    /// <summary>The position to read after when the subscription starts, or restarts after a failure.</summary>
    protected abstract Task<long> StartPositionAsync(CancellationToken cancellationToken);

    /// <summary>Consumes a page; returns the position to read after next.</summary>
    protected abstract Task<long> ConsumeAsync(IReadOnlyList<StoredEvent<IConversationEvent>> page, CancellationToken cancellationToken);

    /// <summary>Called when there is nothing to read; may move the position (a rebuild reset the checkpoint).</summary>
    protected virtual Task<long?> CaughtUpAsync(long position, CancellationToken cancellationToken) => Task.FromResult<long?>(null);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var retry = new RetryPolicy();
        var lag = Observability.SubscriptionLag.For(Name);
        long? position = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                position ??= await StartPositionAsync(stoppingToken);
                var woken = signal.Next;
                var page = await eventStore.ReadAllAsync(position.Value, options.Value.SubscriptionPageSize, stoppingToken);
                if (page.Count > 0)
                {
                    lag.Reading(page[0].RecordedAt, page[^1].Position);
                    position = await ConsumeAsync(page, stoppingToken);
                    lag.At(position.Value, caughtUp: false);
                    retry.Succeeded();
                    continue;
                }

                if (await CaughtUpAsync(position.Value, stoppingToken) is { } moved)
                {
                    position = moved;
                    continue;
                }

                lag.At(position.Value, caughtUp: true);
                retry.Succeeded();
                await Task.WhenAny(woken, Task.Delay(options.Value.SubscriptionPollInterval, clock, stoppingToken));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogFailure(logger, exception, Name);
                position = ResumeAfterFailure();
                await Task.Delay(retry.NextDelay(), clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Where to go on after a failure; null starts again through <see cref="StartPositionAsync"/>.</summary>
    protected virtual long? ResumeAfterFailure() => null;

    [LoggerMessage(Level = LogLevel.Error, Message = "Subscription {Subscription} failed; it goes on after a back-off")]
    private static partial void LogFailure(ILogger logger, Exception exception, string subscription);
}

using System.Threading.Channels;

namespace ChatClean.Infrastructure.EventStore;

/// <summary>
/// The one writer of a store instance: appends are queued, and the writer puts everything waiting into one
/// transaction (<see cref="EventLogBatch"/>), so concurrent appends share a commit and its disk sync. Callers learn
/// their outcome only after the commit; local subscribers are woken then.
/// </summary>
internal sealed partial class EventLogWriter
{
    private const int MaxBatchAttempts = 3;

    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });

    private readonly IEventLogDatabase _database;
    private readonly EventStoreOptions _options;
    private readonly AppendSignal _signal;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Task _loop;
    private PendingAppend? _carriedOver;
    private long _batches;
    private long _appends;
    private long _events;

    public EventLogWriter(IEventLogDatabase database, EventStoreOptions options, AppendSignal signal, TimeProvider clock, ILogger logger)
    {
        _database = database;
        _options = options;
        _signal = signal;
        _clock = clock;
        _logger = logger;
        _loop = Task.Run(WriteLoopAsync);
    }

    public SqlEventStore.EventStoreStatistics Statistics =>
        new(Interlocked.Read(ref _batches), Interlocked.Read(ref _appends), Interlocked.Read(ref _events));

    /// <returns>False once the writer is stopping.</returns>
    public bool TryEnqueue(PendingAppend pending) => _queue.Writer.TryWrite(pending);

    public async Task StopAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        while (_carriedOver is not null || await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var batch = TakeBatch(reader);
            if (batch.Count > 0)
            {
                await CommitAsync(batch).ConfigureAwait(false);
            }
        }
    }

    private List<PendingAppend> TakeBatch(ChannelReader<PendingAppend> reader)
    {
        var batch = new List<PendingAppend>();
        var events = 0;
        while (batch.Count < _options.MaxAppendsPerBatch)
        {
            var next = _carriedOver;
            _carriedOver = null;
            if (next is null && !reader.TryRead(out next))
            {
                break;
            }

            if (next.CancellationToken.IsCancellationRequested)
            {
                next.Completion.TrySetCanceled(next.CancellationToken);
                continue;
            }

            if (batch.Count > 0 && events + next.Events.Count > _options.MaxEventsPerBatch)
            {
                _carriedOver = next;
                break;
            }

            batch.Add(next);
            events += next.Events.Count;
        }

        return batch;
    }

    private async Task CommitAsync(List<PendingAppend> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var outcomes = await EventLogBatch.WriteAsync(_database, batch, EventRows.ToMicroseconds(_clock.GetUtcNow())).ConfigureAwait(false);
                Interlocked.Increment(ref _batches);
                Interlocked.Add(ref _appends, batch.Count);
                Interlocked.Add(ref _events, outcomes.Sum(o => o.Result is { WasDuplicate: false } r ? r.Events.Count : 0));
                if (outcomes.Any(o => o.Result is { WasDuplicate: false }))
                {
                    _signal.NotifyCommitted();
                }

                foreach (var (pending, outcome) in batch.Zip(outcomes))
                {
                    if (outcome.Result is { } result)
                    {
                        pending.Completion.TrySetResult(result);
                    }
                    else
                    {
                        pending.Completion.TrySetException(outcome.Error!);
                    }
                }

                return;
            }
            catch (Exception exception) when (attempt < MaxBatchAttempts && _database.IsTransient(exception))
            {
                LogBatchRetry(_logger, exception, batch.Count);
            }
            catch (Exception exception)
            {
                LogBatchFailed(_logger, exception, batch.Count);
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(exception);
                }

                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event store batch of {Count} appends failed transiently; retrying")]
    private static partial void LogBatchRetry(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Event store batch of {Count} appends failed")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);
}

/// <summary>One append waiting for the writer.</summary>
internal sealed class PendingAppend(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken)
{
    public string StreamId { get; } = streamId;

    public ExpectedRevision Expected { get; } = expected;

    public IReadOnlyList<EventData> Events { get; } = events;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public TaskCompletionSource<RawAppendResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

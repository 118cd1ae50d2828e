using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;

namespace ChatClean.Infrastructure.EventStore;

/// <summary>
/// The one writer of a store instance: appends are queued, and the writer puts everything waiting into one
/// transaction (<see cref="EventLogBatch"/>, two round trips), so concurrent appends share a commit and its disk
/// sync. It keeps its own connection open between batches (none is taken from the pool, none reset); a connection
/// that failed is replaced. Callers learn their outcome only after the commit; local subscribers are woken then.
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
    private readonly WriterMemory _memory = new();
    private DbConnection? _connection;
    private long _batches;
    private long _appends;
    private long _events;
    private long _singleRoundTrip;
    private long _fellBack;

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
        new(Interlocked.Read(ref _batches), Interlocked.Read(ref _appends), Interlocked.Read(ref _events),
            Interlocked.Read(ref _singleRoundTrip), Interlocked.Read(ref _fellBack));

    /// <returns>False once the writer is stopping.</returns>
    public bool TryEnqueue(PendingAppend pending) => _queue.Writer.TryWrite(pending);

    public async Task StopAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        await DropConnectionAsync().ConfigureAwait(false);
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

                // The callers just answered queue their next appends at once (a conversation's next message, the
                // next command of a busy node): step aside for them, so they join the next batch instead of the one after.
                await Task.Yield();
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
                _connection ??= await OpenWriterConnectionAsync().ConfigureAwait(false);
                var now = EventRows.ToMicroseconds(_clock.GetUtcNow());
                var tried = _memory.Head is not null;
                var plan = await EventLogFastPath.TryWriteAsync(_database, _connection, batch, _memory, now).ConfigureAwait(false);
                if (plan is not null)
                {
                    Interlocked.Increment(ref _singleRoundTrip);
                }
                else
                {
                    if (tried && _memory.Head is null)
                    {
                        Interlocked.Increment(ref _fellBack);
                    }

                    plan = await EventLogBatch.WriteAsync(_database, _connection, batch, now).ConfigureAwait(false);
                }

                _memory.Remember(plan.HeadPosition, plan.HeadHash, plan.Revisions);
                var outcomes = plan.Outcomes;
                Interlocked.Increment(ref _batches);
                Observability.EventStoreMetrics.Committed(batch.Count);
                Observability.EventStoreMetrics.Saw(plan.HeadPosition);
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
                        Observability.EventStoreMetrics.Appended(Stopwatch.GetElapsedTime(pending.QueuedAt));
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
                await DropConnectionAsync().ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                LogBatchFailed(_logger, exception, batch.Count);
                await DropConnectionAsync().ConfigureAwait(false);
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(exception);
                }

                return;
            }
        }
    }

    private async Task<DbConnection> OpenWriterConnectionAsync()
    {
        var connection = await _database.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
        if (_database.WriterSessionSql is { } session)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = session;
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        return connection;
    }

    /// <summary>A failed batch may leave the connection in any state, and the log in any: the next batch opens a fresh connection and reads everything.</summary>
    private async Task DropConnectionAsync()
    {
        _memory.Forget();
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync().ConfigureAwait(false);
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

    /// <summary>When the append reached the writer's queue (a <see cref="Stopwatch"/> timestamp).</summary>
    public long QueuedAt { get; } = Stopwatch.GetTimestamp();

    public TaskCompletionSource<RawAppendResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using ChatClean.Application.Abstractions.EventStore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatClean.Infrastructure.EventStore;

/// <summary>
/// The event store on a relational database (tables <c>es_events</c> and <c>es_log_head</c>).
/// <para>
/// Global positions are gap-free and commit-ordered: they are assigned inside the appending transaction while
/// it holds the lock on the single log-head row, so no transaction can commit a higher position before a lower
/// one is visible. Appends are queued and one writer drains the queue, putting every waiting append into one
/// transaction: concurrent appends share a commit and its disk sync.
/// </para>
/// </summary>
public abstract partial class SqlEventStore : IEventStore, IEventLogVerifier, IAsyncDisposable
{
    private const string Columns = "position, stream_id, revision, event_id, event_type, data, metadata, created_at, hash";
    private const int MaxBatchAttempts = 3;

    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });

    private readonly EventStoreOptions _options;
    private readonly AppendSignal _signal;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Task _writer;
    private PendingAppend? _carriedOver;
    private long _batches;
    private long _appends;
    private long _events;

    protected SqlEventStore(IOptions<EventStoreOptions> options, AppendSignal signal, TimeProvider clock, ILogger logger)
    {
        _options = options.Value;
        _signal = signal;
        _clock = clock;
        _logger = logger;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Counts since start: committed write transactions, appends they carried and events they wrote.</summary>
    public EventStoreStatistics Statistics =>
        new(Interlocked.Read(ref _batches), Interlocked.Read(ref _appends), Interlocked.Read(ref _events));

    public Task<AppendResult> AppendAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            throw new ArgumentException("An append needs at least one event.", nameof(events));
        }

        if (events.Select(e => e.EventId).Distinct().Count() != events.Count)
        {
            throw new ArgumentException("The events of one append need distinct ids.", nameof(events));
        }

        var pending = new PendingAppend(streamId, expected, events, cancellationToken);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);

        return pending.Completion.Task;
    }

    public async Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string streamId, long fromRevision, int maxCount, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM es_events WHERE stream_id = @stream AND revision >= @from ORDER BY revision LIMIT @limit";
        AddParameter(command, "@stream", streamId);
        AddParameter(command, "@from", fromRevision);
        AddParameter(command, "@limit", maxCount);
        return await ReadEventsAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(long afterPosition, int maxCount, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM es_events WHERE position > @after ORDER BY position LIMIT @limit";
        AddParameter(command, "@after", afterPosition);
        AddParameter(command, "@limit", maxCount);
        return await ReadEventsAsync(command, cancellationToken);
    }

    public async IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(long checkpoint, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var position = checkpoint;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var woken = _signal.Next;
            var page = await ReadAllAsync(position, _options.SubscriptionPageSize, cancellationToken);
            foreach (var recorded in page)
            {
                yield return recorded;
                position = recorded.Position;
            }

            if (page.Count < _options.SubscriptionPageSize)
            {
                await Task.WhenAny(woken, Task.Delay(_options.SubscriptionPollInterval, _clock, cancellationToken));
            }
        }
    }

    public async Task<long> ReadHeadPositionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT last_position FROM es_log_head WHERE id = 1";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<ChainVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        var previous = EventHashing.Genesis;
        long position = 0;
        while (true)
        {
            var page = await ReadAllAsync(position, 1000, cancellationToken);
            foreach (var e in page)
            {
                if (e.Position != position + 1)
                {
                    return new ChainVerification(false, position, position + 1, "gap");
                }

                var expected = EventHashing.Compute(
                    previous, e.Position, e.StreamId, e.Revision, e.EventId, e.Type, ToMicroseconds(e.CreatedAt), e.Data, e.Metadata);
                if (!expected.AsSpan().SequenceEqual(e.Hash))
                {
                    return new ChainVerification(false, position, e.Position, "hash_mismatch");
                }

                previous = e.Hash;
                position = e.Position;
            }

            if (page.Count < 1000)
            {
                break;
            }
        }

        var (headPosition, headHash) = await ReadHeadAsync(cancellationToken);
        return headPosition == position && headHash.AsSpan().SequenceEqual(previous)
            ? new ChainVerification(true, position, null, null)
            : new ChainVerification(false, position, position + 1, "head_mismatch");
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Starts the appending transaction so that no other writer can run until it ends.</summary>
    protected abstract ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Reads the log head and locks it until the transaction ends.</summary>
    protected abstract string LockHeadSql { get; }

    /// <summary>Whether a failed batch may simply be run again (deadlock, lock timeout, busy database).</summary>
    protected abstract bool IsTransient(Exception exception);

    protected static void AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    protected static long ToMicroseconds(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    private static DateTimeOffset FromMicroseconds(long microseconds) => DateTimeOffset.UnixEpoch.AddTicks(microseconds * 10);

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
                var outcomes = await WriteBatchAsync(batch).ConfigureAwait(false);
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
            catch (Exception exception) when (attempt < MaxBatchAttempts && IsTransient(exception))
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

    /// <summary>One transaction: lock the head, decide every append of the batch, insert the accepted events, move the head.</summary>
    private async Task<Outcome[]> WriteBatchAsync(List<PendingAppend> batch)
    {
        await using var connection = await OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
        await using var transaction = await BeginWriteTransactionAsync(connection, CancellationToken.None).ConfigureAwait(false);

        var (headPosition, headHash) = await LockHeadAsync(connection, transaction).ConfigureAwait(false);
        var streamIds = batch.Select(p => p.StreamId).Distinct(StringComparer.Ordinal).ToArray();
        var revisions = await ReadStreamRevisionsAsync(connection, transaction, streamIds).ConfigureAwait(false);
        var known = await ReadExistingEventsAsync(connection, transaction, streamIds, batch.SelectMany(p => p.Events.Select(e => e.EventId)).ToArray())
            .ConfigureAwait(false);

        var now = ToMicroseconds(_clock.GetUtcNow());
        var inserts = new List<RecordedEvent>();
        var outcomes = new Outcome[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var pending = batch[i];
            var found = pending.Events.Select(e => known.GetValueOrDefault((pending.StreamId, e.EventId))).ToArray();
            if (found.All(f => f is not null))
            {
                var originals = found.Select(f => f!).ToArray();
                outcomes[i] = Outcome.Success(new AppendResult(originals[^1].Revision, originals[^1].Position, originals, WasDuplicate: true));
                continue;
            }

            if (found.Any(f => f is not null))
            {
                outcomes[i] = Outcome.Failure(new IdempotencyConflictException(pending.StreamId));
                continue;
            }

            var revision = revisions.GetValueOrDefault(pending.StreamId);
            if (!pending.Expected.IsSatisfiedBy(revision))
            {
                outcomes[i] = Outcome.Failure(new WrongExpectedRevisionException(pending.StreamId, pending.Expected, revision));
                continue;
            }

            var recorded = new RecordedEvent[pending.Events.Count];
            for (var j = 0; j < pending.Events.Count; j++)
            {
                var e = pending.Events[j];
                headPosition++;
                revision++;
                headHash = EventHashing.Compute(headHash, headPosition, pending.StreamId, revision, e.EventId, e.Type, now, e.Data, e.Metadata);
                recorded[j] = new RecordedEvent(
                    headPosition, pending.StreamId, revision, e.EventId, e.Type, e.Data, e.Metadata, FromMicroseconds(now), headHash);
                known[(pending.StreamId, e.EventId)] = recorded[j];
            }

            revisions[pending.StreamId] = revision;
            inserts.AddRange(recorded);
            outcomes[i] = Outcome.Success(new AppendResult(revision, headPosition, recorded, WasDuplicate: false));
        }

        if (inserts.Count > 0)
        {
            await InsertAsync(connection, transaction, inserts).ConfigureAwait(false);
            await MoveHeadAsync(connection, transaction, headPosition, headHash).ConfigureAwait(false);
        }

        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return outcomes;
    }

    private async Task<(long Position, byte[] Hash)> LockHeadAsync(DbConnection connection, DbTransaction transaction)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = LockHeadSql;
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        if (!await reader.ReadAsync().ConfigureAwait(false))
        {
            throw new InvalidOperationException("The event store has no log head row: run the database migrations.");
        }

        return (reader.GetInt64(0), (byte[])reader.GetValue(1));
    }

    private async Task<(long Position, byte[] Hash)> ReadHeadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT last_position, last_hash FROM es_log_head WHERE id = 1";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), (byte[])reader.GetValue(1));
    }

    private static async Task<Dictionary<string, long>> ReadStreamRevisionsAsync(DbConnection connection, DbTransaction transaction, string[] streamIds)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            $"SELECT stream_id, MAX(revision) FROM es_events WHERE stream_id IN ({InList(command, "@s", streamIds)}) GROUP BY stream_id";
        var revisions = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            revisions[reader.GetString(0)] = reader.GetInt64(1);
        }

        return revisions;
    }

    private static async Task<Dictionary<(string, Guid), RecordedEvent?>> ReadExistingEventsAsync(
        DbConnection connection, DbTransaction transaction, string[] streamIds, Guid[] eventIds)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            $"SELECT {Columns} FROM es_events WHERE stream_id IN ({InList(command, "@s", streamIds)}) " +
            $"AND event_id IN ({InList(command, "@e", eventIds.Select(id => id.ToString("D")).ToArray())})";
        var events = await ReadEventsAsync(command, CancellationToken.None).ConfigureAwait(false);
        return events.ToDictionary(e => (e.StreamId, e.EventId), e => (RecordedEvent?)e);
    }

    private static async Task InsertAsync(DbConnection connection, DbTransaction transaction, List<RecordedEvent> events)
    {
        const int RowsPerStatement = 500;
        foreach (var chunk in events.Chunk(RowsPerStatement))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var sql = new StringBuilder($"INSERT INTO es_events ({Columns}) VALUES ");
            for (var i = 0; i < chunk.Length; i++)
            {
                var e = chunk[i];
                sql.Append(i == 0 ? "(" : ",(")
                    .Append($"@p{i},@s{i},@r{i},@i{i},@t{i},@d{i},@m{i},@c{i},@h{i})");
                AddParameter(command, $"@p{i}", e.Position);
                AddParameter(command, $"@s{i}", e.StreamId);
                AddParameter(command, $"@r{i}", e.Revision);
                AddParameter(command, $"@i{i}", e.EventId.ToString("D"));
                AddParameter(command, $"@t{i}", e.Type);
                AddParameter(command, $"@d{i}", e.Data);
                AddParameter(command, $"@m{i}", e.Metadata);
                AddParameter(command, $"@c{i}", ToMicroseconds(e.CreatedAt));
                AddParameter(command, $"@h{i}", e.Hash);
            }

            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }

    private static async Task MoveHeadAsync(DbConnection connection, DbTransaction transaction, long position, byte[] hash)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE es_log_head SET last_position = @position, last_hash = @hash WHERE id = 1";
        AddParameter(command, "@position", position);
        AddParameter(command, "@hash", hash);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private static string InList(DbCommand command, string prefix, string[] values)
    {
        var names = new string[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            names[i] = $"{prefix}{i}";
            AddParameter(command, names[i], values[i]);
        }

        return string.Join(',', names);
    }

    private static async Task<IReadOnlyList<RecordedEvent>> ReadEventsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var events = new List<RecordedEvent>();
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(new RecordedEvent(
                Position: reader.GetInt64(0),
                StreamId: reader.GetString(1),
                Revision: reader.GetInt64(2),
                EventId: Guid.Parse(reader.GetString(3)),
                Type: reader.GetString(4),
                Data: reader.GetString(5),
                Metadata: await reader.IsDBNullAsync(6, cancellationToken).ConfigureAwait(false) ? null : reader.GetString(6),
                CreatedAt: FromMicroseconds(reader.GetInt64(7)),
                Hash: (byte[])reader.GetValue(8)));
        }

        return events;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event store batch of {Count} appends failed transiently; retrying")]
    private static partial void LogBatchRetry(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Event store batch of {Count} appends failed")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    public readonly record struct EventStoreStatistics(long Batches, long Appends, long Events);

    private sealed class PendingAppend(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken)
    {
        public string StreamId { get; } = streamId;

        public ExpectedRevision Expected { get; } = expected;

        public IReadOnlyList<EventData> Events { get; } = events;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public TaskCompletionSource<AppendResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly record struct Outcome(AppendResult? Result, Exception? Error)
    {
        public static Outcome Success(AppendResult result) => new(result, null);

        public static Outcome Failure(Exception error) => new(null, error);
    }
}

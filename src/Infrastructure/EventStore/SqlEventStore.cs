using System.Globalization;
using System.Data.Common;

namespace ChatClean.Infrastructure.EventStore;

/// <summary>
/// The event store on a relational database (tables <c>es_events</c> and <c>es_log_head</c>), in its stored form:
/// wire types, JSON and hashes. Global positions are gap-free and commit-ordered: they are assigned inside the
/// appending transaction while it holds the lock on the single log-head row (<see cref="EventLogBatch"/>), and one
/// writer per instance drains a queue of appends into shared transactions (<see cref="EventLogWriter"/>).
/// <see cref="ConversationEventStore"/> puts the typed <see cref="IEventStore"/> port on top.
/// </summary>
public abstract class SqlEventStore : IEventLogDatabase, IAsyncDisposable
{
    private readonly EventLogWriter _writer;

    protected SqlEventStore(IOptions<EventStoreOptions> options, AppendSignal signal, TimeProvider clock, ILogger logger) =>
        _writer = new EventLogWriter(this, options.Value, signal, clock, logger);

    /// <summary>Counts since start: committed write transactions, appends they carried and events they wrote.</summary>
    public EventStoreStatistics Statistics => _writer.Statistics;

    string IEventLogDatabase.LockHeadSql => LockHeadSql;

    /// <summary>Reads the log head and locks it until the transaction ends.</summary>
    protected abstract string LockHeadSql { get; }

    /// <summary>
    /// Appends <paramref name="events"/> if the stream's revision matches <paramref name="expected"/>; a retry with event
    /// ids already in the stream returns the original events.
    /// </summary>
    /// <exception cref="WrongExpectedRevisionException">The stream's revision is not the expected one.</exception>
    public Task<RawAppendResult> AppendAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken)
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
        ObjectDisposedException.ThrowIf(!_writer.TryEnqueue(pending), this);
        return pending.Completion.Task;
    }

    public Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string streamId, long fromRevision, int maxCount, CancellationToken cancellationToken) =>
        QueryAsync(
            $"SELECT {EventRows.Columns} FROM es_events WHERE stream_id = @stream AND revision >= @from ORDER BY revision LIMIT @limit",
            cancellationToken,
            ("@stream", streamId), ("@from", fromRevision), ("@limit", maxCount));

    public Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(long afterPosition, int maxCount, CancellationToken cancellationToken) =>
        QueryAsync(
            $"SELECT {EventRows.Columns} FROM es_events WHERE position > @after ORDER BY position LIMIT @limit",
            cancellationToken,
            ("@after", afterPosition), ("@limit", maxCount));

    public async Task<long> ReadStreamRevisionAsync(string streamId, CancellationToken cancellationToken) =>
        await ScalarAsync("SELECT COALESCE(MAX(revision), 0) FROM es_events WHERE stream_id = @stream", cancellationToken, ("@stream", streamId));

    public async Task<long> ReadHeadPositionAsync(CancellationToken cancellationToken) =>
        await ScalarAsync("SELECT last_position FROM es_log_head WHERE id = 1", cancellationToken);

    /// <summary>The head row as it stands: the last position and the hash of the event there.</summary>
    public async Task<(long Position, byte[] Hash)> ReadHeadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT last_position, last_hash FROM es_log_head WHERE id = 1";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), (byte[])reader.GetValue(1));
    }

    /// <summary>The first position whose hash covers its payload's digest (<see cref="EventHashing"/>); 1 for a log that began with digests.</summary>
    public async Task<long> ReadPayloadDigestsFromAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload_digests_from FROM es_log_head WHERE id = 1";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.StopAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    ValueTask<DbConnection> IEventLogDatabase.OpenConnectionAsync(CancellationToken cancellationToken) => OpenConnectionAsync(cancellationToken);

    string IEventLogDatabase.BeginSql => BeginSql;

    string? IEventLogDatabase.WriterSessionSql => WriterSessionSql;

    bool IEventLogDatabase.IsTransient(Exception exception) => IsTransient(exception);

    bool IEventLogDatabase.IsAssumptionBroken(DbException exception) => IsAssumptionBroken(exception);

    protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>The statement that starts the appending transaction, so that no other writer can run until it ends.</summary>
    protected abstract string BeginSql { get; }

    /// <summary>Session settings for the writer's connection, run once when it is opened.</summary>
    protected virtual string? WriterSessionSql => null;

    /// <summary>Whether a failed batch may simply be run again (deadlock, lock timeout, busy database).</summary>
    protected abstract bool IsTransient(Exception exception);

    /// <summary>A duplicate key: the writer's memory was out of date.</summary>
    protected abstract bool IsAssumptionBroken(DbException exception);

    private async Task<IReadOnlyList<RecordedEvent>> QueryAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            EventRows.AddParameter(command, name, value);
        }

        return await EventRows.ReadAsync(command, cancellationToken);
    }

    private async Task<long> ScalarAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            EventRows.AddParameter(command, name, value);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Committed write transactions, the appends they carried and the events they wrote; how many of the transactions
    /// took one round trip, and how many one-round-trip attempts found the writer's memory out of date.
    /// </summary>
    public readonly record struct EventStoreStatistics(long Batches, long Appends, long Events, long SingleRoundTrip, long FellBack);
}

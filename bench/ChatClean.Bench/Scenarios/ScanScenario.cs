using System.Diagnostics;
using ChatClean.Infrastructure.EventStore;
using MySqlConnector;

namespace ChatClean.Bench;

/// <summary>
/// Reading the whole log in order, as a read-model rebuild, a catch-up after downtime or an audit does: the event
/// store's <c>ReadAllAsync</c> in pages of 1,000, every event deserialized into its domain type, beside the raw
/// sequential scan of <c>es_events</c> (the same columns, one streaming <c>SELECT … ORDER BY position</c>, every
/// value read, nothing parsed) on the same table just before; and <c>chatclean verify</c> as its own process
/// (positions dense, every hash link recomputed, revisions and event ids checked), beside the same scan. The log is seeded with conversation histories
/// (1M events in a full run, <c>--events</c>); both reads run once to warm the buffer pool, then in turn. Last, once,
/// <c>chatclean rebuild --check</c>: every read model replayed from position 0 into fresh tables and digested, beside
/// the raw scan of the last round.
/// </summary>
public sealed class ScanScenario : IScenario
{
    private const int Page = 1000;

    public string Name => "scan";

    public bool InQuickRun => true;

    public async Task RunAsync(BenchContext context)
    {
        var target = context.Number("--events", 1_000_000, 20_000);
        await using var database = await BenchContext.MigratedDatabaseAsync();
        await context.Report.ReadServerSettingsAsync(database.ConnectionString);
        var (events, seconds) = await Seeder.SeedAsync(
            database.ConnectionString, new Seeder(Math.Max(1, target / 13), 10, [Guid.NewGuid(), Guid.NewGuid()], [Guid.NewGuid()], DateTimeOffset.UtcNow));
        Console.WriteLine($"# seeded {events:N0} events in {seconds:F1} s");

        await using var raw = BenchContext.OpenEventStore(database.ConnectionString);
        using var store = new ConversationEventStore(raw);
        await RawScanAsync(database.ConnectionString);
        await StoreScanAsync(store);

        var settings = BenchService.Settings(database.ConnectionString);
        var rounds = new List<(double Raw, double Store, double Verify)>();
        for (var round = 0; round < context.Rounds; round++)
        {
            rounds.Add((await RawScanAsync(database.ConnectionString), await StoreScanAsync(store), await VerifyAsync(settings, events)));
        }

        var median = rounds.OrderBy(r => r.Store / r.Raw).ElementAt(rounds.Count / 2);
        context.Report.Add(new Figure(
            Name, $"read the whole log in order ({events:N0} events, pages of {Page:N0}, deserialized)", median.Store, "events/s",
            "raw scan of es_events", median.Raw,
            Detail: new Dictionary<string, double> { ["events"] = events, ["rounds"] = rounds.Count, ["seedSeconds"] = seconds }));
        var verify = rounds.OrderBy(r => r.Verify / r.Raw).ElementAt(rounds.Count / 2);
        context.Report.Add(new Figure(
            Name, $"chatclean verify: positions, the hash chain, revisions and event ids of the whole log ({events:N0} events)", verify.Verify, "events/s",
            "raw scan of es_events", verify.Raw, Detail: new Dictionary<string, double> { ["seconds"] = events / verify.Verify }));

        var (rebuildRate, rows) = await RebuildAsync(settings, database.ConnectionString, events);
        context.Report.Add(new Figure(
            Name, $"rebuild --check: every read model replayed from position 0 into fresh tables, then digested ({events:N0} events)", rebuildRate, "events/s",
            "raw scan of es_events", rounds[^1].Raw, Detail: new Dictionary<string, double> { ["seconds"] = events / rebuildRate, ["rows"] = rows }));
    }

    /// <summary>
    /// Events per second of <c>chatclean rebuild --check</c>, and the rows it wrote. No service ran on the seeded log, so the live
    /// checkpoint is set to the head first (what a rebuild replays to) and the empty live tables differ from the replay.
    /// </summary>
    private static async Task<(double Rate, double Rows)> RebuildAsync(IReadOnlyDictionary<string, string> settings, string connectionString, long events)
    {
        await using (var connection = new MySqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new MySqlCommand(
                $"INSERT INTO projection_checkpoints (name, position) VALUES ('read-models', {events}) ON DUPLICATE KEY UPDATE position = {events}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var (code, result) = await CliProcess.RunJsonAsync(settings, "rebuild", "--check", "--json");
        if (code != Cli.CliApp.Broken || result.GetProperty("events").GetInt64() != events)
        {
            throw new InvalidOperationException($"The rebuild did not replay the seeded log: exit {code}, {result}");
        }

        return (result.GetProperty("eventsPerSecond").GetDouble(), result.GetProperty("rebuilt").EnumerateArray().Sum(t => t.GetProperty("rows").GetInt64()));
    }

    /// <summary>Events per second that <c>chatclean verify</c> reports, run as its own process; the log must be found intact.</summary>
    private static async Task<double> VerifyAsync(IReadOnlyDictionary<string, string> settings, long events)
    {
        var (code, result) = await CliProcess.RunJsonAsync(settings, "verify", "--json");
        if (code != Cli.CliApp.Intact || result.GetProperty("eventsChecked").GetInt64() != events)
        {
            throw new InvalidOperationException($"The seeded log did not verify: {result}.");
        }

        return result.GetProperty("eventsPerSecond").GetDouble();
    }

    /// <summary>Rows per second of one streaming scan that reads every column of every row.</summary>
    private static async Task<double> RawScanAsync(string connectionString)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        var started = Stopwatch.GetTimestamp();
        await using var command = new MySqlCommand(
            "SELECT position, stream_id, revision, event_id, event_type, data, metadata, created_at, hash FROM es_events ORDER BY position", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new object[reader.FieldCount];
        long rows = 0;
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
            rows++;
        }

        return rows / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>Events per second through the store, page after page from the start to the head.</summary>
    private static async Task<double> StoreScanAsync(ConversationEventStore store)
    {
        var started = Stopwatch.GetTimestamp();
        long after = 0, read = 0;
        while (true)
        {
            var page = await store.ReadAllAsync(after, Page, CancellationToken.None);
            if (page.Count == 0)
            {
                break;
            }

            read += page.Count;
            after = page[^1].Position;
        }

        return read / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}

using ChatClean.Infrastructure.EventStore;
using ChatClean.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatClean.Bench;

/// <summary>What a scenario runs with: the options of the run, the built service, and where figures go.</summary>
public sealed class BenchContext(string[] args, BenchReport report)
{
    public BenchReport Report { get; } = report;

    public bool Quick => Report.Quick;

    /// <summary>How long one throughput point runs (<c>--seconds</c>): 8 s in a full run, 1 s in a quick one.</summary>
    public TimeSpan Point => TimeSpan.FromSeconds(Number("--seconds", 8, 1));

    /// <summary>
    /// How many times a measurement and its baseline are taken in turn (3 in a full run): the figures are the medians, so
    /// one disturbed point (another process, a checkpoint flush) moves neither the figure nor its ratio.
    /// </summary>
    public int Rounds => Quick ? 1 : Number("--rounds", 3, 1);

    public string WebApiDll => Text("--webapi", "src/WebApi/bin/Release/net10.0/ChatClean.WebApi.dll");

    public int Number(string name, int full, int quick) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length
            ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture)
            : Quick ? quick : full;

    public string Text(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;

    public bool Flag(string name) => args.Contains(name);

    /// <summary>The service's MySQL event store on <paramref name="connectionString"/>, with its default options.</summary>
    public static MySqlEventStore OpenEventStore(string connectionString) => new(
        connectionString, Options.Create(new EventStoreOptions()), new AppendSignal(), TimeProvider.System, NullLogger<MySqlEventStore>.Instance);

    /// <summary>A fresh database with the service's real migrations.</summary>
    public static async Task<MariaDbDatabase> MigratedDatabaseAsync()
    {
        var database = await TestEnvironment.CreateMariaDbDatabaseAsync();
        await database.MigrateAsync();
        return database;
    }
}

/// <summary>One named measurement of the benchmark.</summary>
public interface IScenario
{
    string Name { get; }

    /// <summary>Whether <c>--quick</c> runs it (the quick run stays well under a minute).</summary>
    bool InQuickRun { get; }

    Task RunAsync(BenchContext context);
}

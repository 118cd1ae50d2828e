using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using MySqlConnector;

namespace ChatClean.Bench;

/// <summary>One measured figure beside the same-run baseline it is judged against, and the goal if the issue set one.</summary>
public sealed record Figure(
    string Scenario, string Name, double Value, string Unit, string? Baseline = null, double? BaselineValue = null, double? Goal = null,
    IReadOnlyDictionary<string, double>? Detail = null, double? Ceiling = null, double? RatioCeiling = null)
{
    public double? Ratio => BaselineValue is > 0 ? Value / BaselineValue : null;

    /// <summary>
    /// The goal: a ratio of at least <see cref="Goal"/>, of at most <see cref="RatioCeiling"/> (a cost beside the
    /// baseline's), or a value of at most <see cref="Ceiling"/> (a latency).
    /// </summary>
    public bool? Met => this switch
    {
        { Ceiling: { } ceiling } => Value <= ceiling,
        { RatioCeiling: { } most, Ratio: { } ratio } => ratio <= most,
        { Goal: { } goal, Ratio: { } ratio } => ratio >= goal,
        _ => null,
    };
}

/// <summary>Everything one run measured, where and how: written as <c>bench/results/&lt;utc&gt;.json</c> and printed as a table.</summary>
public sealed class BenchReport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public bool Quick { get; init; }

    public IReadOnlyList<string> Scenarios { get; init; } = [];

    public Dictionary<string, object?> Machine { get; } = new()
    {
        ["cores"] = Environment.ProcessorCount,
        ["memoryBytes"] = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
        ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        ["runtime"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
    };

    public Dictionary<string, string?> Server { get; } = [];

    public List<Figure> Figures { get; } = [];

    public void Add(Figure figure)
    {
        lock (Figures)
        {
            Figures.Add(figure);
        }

        Console.WriteLine(Line(figure));
    }

    /// <summary>The database settings that decide what a durable write costs.</summary>
    public async Task ReadServerSettingsAsync(string connectionString)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var name in new[] { "version", "innodb_flush_log_at_trx_commit", "sync_binlog", "log_bin", "innodb_buffer_pool_size", "innodb_doublewrite", "innodb_flush_method" })
        {
            await using var command = new MySqlCommand($"SELECT @@{name}", connection);
            Server[name] = Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
    }

    public async Task<string> WriteAsync(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{StartedAt:yyyyMMdd'T'HHmmss'Z'}{(Quick ? "-quick" : string.Empty)}.json");
        var document = new
        {
            StartedAt, Quick, Scenarios, Machine, Server,
            Figures = Figures.Select(f => new { f.Scenario, f.Name, f.Value, f.Unit, f.Baseline, f.BaselineValue, f.Ratio, f.Goal, f.Ceiling, f.RatioCeiling, f.Met, f.Detail }),
        };
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(document, Json));
        return path;
    }

    public void PrintTable()
    {
        Console.WriteLine();
        Console.WriteLine($"# ChatClean benchmark {StartedAt:yyyy-MM-dd HH:mm} UTC{(Quick ? " (quick)" : string.Empty)}, {Machine["cores"]} cores, " +
            $"MariaDB {Server.GetValueOrDefault("version")}, flush_log_at_trx_commit={Server.GetValueOrDefault("innodb_flush_log_at_trx_commit")}, " +
            $"log_bin={Server.GetValueOrDefault("log_bin")}, sync_binlog={Server.GetValueOrDefault("sync_binlog")}");
        Console.WriteLine("| scenario | figure | value | baseline | ratio | goal |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var f in Figures)
        {
            Console.WriteLine(Line(f));
        }
    }

    private static string Line(Figure f) => string.Create(CultureInfo.InvariantCulture,
        $"| {f.Scenario} | {f.Name} | {f.Value:N1} {f.Unit} | {(f.Baseline is null ? string.Empty : $"{f.Baseline}: {f.BaselineValue:N1}")} | " +
        $"{(f.Ratio is { } r ? $"{r:F2}×" : string.Empty)} | {Goal(f)} |");

    private static string Goal(Figure f) => f switch
    {
        { Ceiling: { } c } => string.Create(CultureInfo.InvariantCulture, $"≤ {c:N0} {f.Unit} {(f.Met == true ? "met" : "not met")}"),
        { RatioCeiling: { } rc } => string.Create(CultureInfo.InvariantCulture, $"≤ {rc:F1}× {(f.Met == true ? "met" : "not met")}"),
        { Goal: { } g } => string.Create(CultureInfo.InvariantCulture, $"≥ {g:F1}× {(f.Met == true ? "met" : "not met")}"),
        _ => string.Empty,
    };
}

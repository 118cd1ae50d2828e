using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using ChatClean.TestSupport;
using MySqlConnector;

namespace ChatClean.Bench;

/// <summary>
/// What a stretch of load cost, read from outside the service: its CPU time and memory (<c>/proc</c>), the bytes it
/// allocated (its <c>/metrics</c>), the statements and commits MariaDB ran and the commands Redis served. Deltas of two
/// snapshots, divided by what was done, give the cost per message.
/// </summary>
public sealed record ResourceSnapshot(double CpuSeconds, long RssBytes, double AllocatedBytes, long Statements, long Commits, long RedisCommands)
{
    public static ResourceSnapshot operator -(ResourceSnapshot after, ResourceSnapshot before) => new(
        after.CpuSeconds - before.CpuSeconds, after.RssBytes - before.RssBytes, after.AllocatedBytes - before.AllocatedBytes,
        after.Statements - before.Statements, after.Commits - before.Commits, after.RedisCommands - before.RedisCommands);

    /// <summary>Per unit of work (<paramref name="count"/> messages): CPU ms, allocated KB, SQL statements, commits, Redis commands.</summary>
    public Dictionary<string, double> Per(double count, string unit) => new()
    {
        [$"serviceCpuMsPer{unit}"] = CpuSeconds * 1000 / count,
        [$"allocatedKbPer{unit}"] = AllocatedBytes / 1024 / count,
        [$"sqlStatementsPer{unit}"] = Statements / count,
        [$"commitsPer{unit}"] = Commits / count,
        [$"redisCommandsPer{unit}"] = RedisCommands / count,
    };
}

public static partial class ResourceCounters
{
    public static async Task<ResourceSnapshot> TakeAsync(IReadOnlyList<(int ProcessId, Uri Address)> nodes, string mySql)
    {
        double cpu = 0, allocated = 0;
        long rss = 0;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        foreach (var (processId, address) in nodes)
        {
            cpu += CpuSeconds(processId);
            rss += RssBytes(processId);
            var metrics = await http.GetStringAsync(new Uri(address, "/metrics"));
            allocated += AllocatedPattern().Matches(metrics).Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));
        }

        var (statements, commits) = await MariaDbAsync(mySql);
        return new ResourceSnapshot(cpu, rss, allocated, statements, commits, await RedisCommandsAsync());
    }

    /// <summary>User + system CPU time of a process, from <c>/proc/&lt;pid&gt;/stat</c> (clock ticks of 1/100 s).</summary>
    public static double CpuSeconds(int processId)
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>Resident memory of a process, from <c>/proc/&lt;pid&gt;/status</c>.</summary>
    public static long RssBytes(int processId)
    {
        var line = File.ReadLines($"/proc/{processId}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static async Task<(long Statements, long Commits)> MariaDbAsync(string mySql)
    {
        await using var connection = new MySqlConnection(mySql);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions', 'Com_commit')", connection);
        await using var reader = await command.ExecuteReaderAsync();
        long statements = 0, commits = 0;
        while (await reader.ReadAsync())
        {
            var value = long.Parse(reader.GetString(1), CultureInfo.InvariantCulture);
            _ = reader.GetString(0) == "Questions" ? statements = value : commits = value;
        }

        // This snapshot's own statements (the SHOW) count once on each side and cancel out in a delta.
        return (statements, commits);
    }

    private static async Task<long> RedisCommandsAsync()
    {
        var (host, port) = (TestEnvironment.Redis.Split(':')[0], int.Parse(TestEnvironment.Redis.Split(':')[1], CultureInfo.InvariantCulture));
        using var client = new TcpClient();
        await client.ConnectAsync(host, port);
        await using var stream = client.GetStream();
        await stream.WriteAsync("INFO stats\r\n"u8.ToArray());
        var buffer = new byte[16 * 1024];
        var text = new StringBuilder();
        while (!text.ToString().Contains("total_commands_processed:", StringComparison.Ordinal) || !text.ToString().EndsWith("\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                break;
            }

            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        var match = Regex.Match(text.ToString(), @"total_commands_processed:(\d+)");
        return match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex(@"^dotnet_gc_heap_total_allocated_bytes_total(\{[^}]*\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex AllocatedPattern();
}

using System.Text.Json.Nodes;
using ChatClean.Bench;

namespace ChatClean.WebApi.IntegrationTests.Bench;

/// <summary>
/// The benchmark's quick run, so the harness keeps working: it measures against MariaDB and writes its results file.
/// No figure is judged here (performance is measured by the benchmark, never asserted by a test); what is checked is
/// that every figure and its baseline were measured and that the hot stream lost nothing.
/// </summary>
public sealed class BenchHarnessTests
{
    [Fact]
    public async Task The_quick_run_measures_every_figure_beside_its_baseline_and_writes_the_results()
    {
        var results = Path.Combine(Path.GetTempPath(), "chatclean-bench-test", Guid.NewGuid().ToString("N"));

        (await BenchProgram.RunAsync(["--quick", "--results", results, "--webapi", typeof(Program).Assembly.Location])).ShouldBe(0);

        var document = JsonNode.Parse(await File.ReadAllTextAsync(Directory.GetFiles(results, "*-quick.json").Single()))!;
        document["server"]!["innodb_flush_log_at_trx_commit"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        document["machine"]!["cores"]!.GetValue<int>().ShouldBeGreaterThan(0);
        var figures = document["figures"]!.AsArray();
        var appends = figures.Where(f => f!["scenario"]!.GetValue<string>() == "append").ToArray();
        appends.Length.ShouldBe(3);
        appends.ShouldAllBe(f => f!["value"]!.GetValue<double>() > 0 && f["baselineValue"]!.GetValue<double>() > 0 && f["ratio"] != null);
        var hot = figures.Single(f => f!["scenario"]!.GetValue<string>() == "hot-stream")!["detail"]!;
        hot["lost"]!.GetValue<double>().ShouldBe(0);
        hot["stored"]!.GetValue<double>().ShouldBe(hot["acknowledged"]!.GetValue<double>());

        // End to end through the service: messages went both ways and the AI answered, and no frame was refused.
        var endToEnd = figures.Where(f => f!["scenario"]!.GetValue<string>() == "end-to-end").ToArray();
        endToEnd.Length.ShouldBe(3);
        endToEnd.ShouldAllBe(f => f!["value"]!.GetValue<double>() > 0 && (f["detail"]!["errors"] == null || f["detail"]!["errors"]!.GetValue<double>() == 0));
        endToEnd[0]!["baselineValue"]!.GetValue<double>().ShouldBeGreaterThan(0);

        // Connections: the echo server's figures and the service's beside them; at its cap every further upgrade got 503.
        var connections = figures.Where(f => f!["scenario"]!.GetValue<string>() == "connections").ToArray();
        connections.Length.ShouldBe(7);
        connections.ShouldAllBe(f => f!["value"]!.GetValue<double>() > 0);
        connections.Count(f => f!["baselineValue"] != null).ShouldBe(2);
        var cap = connections.Single(f => f!["name"]!.GetValue<string>().Contains("refused with 503", StringComparison.Ordinal))!["detail"]!;
        cap["refused503"]!.GetValue<double>().ShouldBe(cap["attempted"]!.GetValue<double>());
        cap["stillOpen"]!.GetValue<double>().ShouldBe(cap["held"]!.GetValue<double>());

        // The log read through the store, verified and replayed into the read models, beside the raw scan of the same table.
        var scans = figures.Where(f => f!["scenario"]!.GetValue<string>() == "scan").ToArray();
        scans.Length.ShouldBe(3, "store read, verify and rebuild");
        scans.ShouldAllBe(f => f!["value"]!.GetValue<double>() > 0 && f["baselineValue"]!.GetValue<double>() > 0);
        Directory.Delete(results, recursive: true);
    }
}

using System.Text.RegularExpressions;

namespace ChatClean.Operations.Tests;

/// <summary>Every series the rules and the dashboard read is one docs/operations.md lists under "## Metrics".</summary>
public sealed partial class MetricNameTests
{
    private static readonly string[] HistogramSuffixes = ["_bucket", "_count", "_sum"];

    [Fact]
    public void The_metrics_table_lists_the_exported_series_with_their_types()
    {
        var table = MetricsTable(Repository.Read("docs/operations.md"));
        table.Count.ShouldBeGreaterThanOrEqualTo(38);
        table["http_server_request_duration_seconds"].ShouldBe("histogram");
        table["chatclean_waiting_queue_length"].ShouldStartWith("gauge, cluster-wide");
        table.Keys.Where(k => k.EndsWith("_total", StringComparison.Ordinal)).ShouldAllBe(k => table[k] == "counter");
    }

    [Fact]
    public void Every_metric_the_rules_and_the_dashboard_use_is_in_the_metrics_table()
    {
        var table = MetricsTable(Repository.Read("docs/operations.md"));
        var expressions = PrometheusFiles.Alerts().Select(a => a.Expr).Concat(PrometheusFiles.DashboardExpressions().Select(e => e.Expr));
        var missing = Undocumented(expressions, table);
        missing.ShouldBeEmpty("not in the '## Metrics' table of docs/operations.md: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_check_catches_an_undocumented_metric_and_a_suffix_on_a_series_that_is_no_histogram()
    {
        var table = MetricsTable(Repository.Read("docs/operations.md"));
        Undocumented(["rate(chatclean_made_up_total[5m])", "dotnet_thread_pool_thread_count", "chatclean_agents_online_count"], table)
            .ShouldBe(["chatclean_agents_online_count", "chatclean_made_up_total"]);
        Undocumented(["histogram_quantile(0.9, sum by (le) (rate(chatclean_wait_time_seconds_bucket[5m])))"], table).ShouldBeEmpty();
    }

    /// <summary>The names used in <paramref name="expressions"/> that the table does not list (a histogram's series count as its name).</summary>
    private static List<string> Undocumented(IEnumerable<string> expressions, Dictionary<string, string> table) =>
        expressions.SelectMany(e => MetricName().Matches(e).Select(m => m.Value))
            .Distinct(StringComparer.Ordinal)
            .Where(name => !table.ContainsKey(name) && !HistogramSuffixes.Any(suffix =>
                name.EndsWith(suffix, StringComparison.Ordinal) && table.GetValueOrDefault(name[..^suffix.Length]) == "histogram"))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Name → type of the rows of the "## Metrics" section's table.</summary>
    private static Dictionary<string, string> MetricsTable(string operations)
    {
        var start = operations.IndexOf("\n## Metrics\n", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, "docs/operations.md has no '## Metrics' section");
        var end = operations.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = end < 0 ? operations[start..] : operations[start..end];
        return TableRow().Matches(section).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["type"].Value.Trim(), StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\b(?:chatclean_\w+|http_server_\w+|dotnet_\w+)")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"^\| `(?<name>[a-z_]+)` \| (?<type>[^|]+)\|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}

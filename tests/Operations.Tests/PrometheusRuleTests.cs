using System.Text.RegularExpressions;

namespace ChatClean.Operations.Tests;

/// <summary>The Prometheus configuration, the alert rules and their unit tests, checked by promtool and by reading them.</summary>
public sealed partial class PrometheusRuleTests
{
    private static readonly string[] RequiredAnnotations = ["summary", "description"];

    [Fact]
    public void Promtool_accepts_the_configuration_and_the_rule_files_it_loads()
    {
        var (exitCode, output) = Promtool.Run(PrometheusFiles.FolderPath, "check", "config", "prometheus.yml");
        exitCode.ShouldBe(0, output);
        output.ShouldContain("1 rule files found", customMessage: output);
    }

    [Fact]
    public void Promtool_accepts_the_rules()
    {
        var (exitCode, output) = Promtool.Run(PrometheusFiles.FolderPath, "check", "rules", PrometheusFiles.RulesFile);
        exitCode.ShouldBe(0, output);
    }

    [Fact]
    public void The_rules_pass_their_promtool_unit_tests()
    {
        var files = PrometheusFiles.TestFiles();
        files.ShouldNotBeEmpty();
        var (exitCode, output) = Promtool.Run(PrometheusFiles.FolderPath, ["test", "rules", .. files]);
        exitCode.ShouldBe(0, output);
    }

    [Fact]
    public void Every_dashboard_expression_is_valid_PromQL()
    {
        var expressions = PrometheusFiles.DashboardExpressions();
        expressions.Count.ShouldBeGreaterThan(30);
        var file = Path.Combine(Path.GetTempPath(), $"chatclean-dashboard-{Guid.NewGuid():N}.rules.yml");
        var rules = expressions.Select((e, i) => $"      - record: dashboard:expr_{i}\n        expr: {System.Text.Json.JsonSerializer.Serialize(e.Expr)}");
        File.WriteAllText(file, "groups:\n  - name: dashboard\n    rules:\n" + string.Join('\n', rules) + "\n");
        try
        {
            var (exitCode, output) = Promtool.Run(Path.GetTempPath(), "check", "rules", file);
            exitCode.ShouldBe(0, output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void There_are_alerts_for_thresholds_exceptions_and_business()
    {
        var groups = PrometheusFiles.Alerts().GroupBy(a => a.Group).ToDictionary(g => g.Key, g => g.Count());
        groups.Keys.ShouldBe(["chatclean-thresholds", "chatclean-exceptions", "chatclean-business"], ignoreOrder: true);
        groups.Values.ShouldAllBe(count => count >= 3);
    }

    [Fact]
    public void Every_alert_has_a_severity_a_summary_a_description_and_its_runbook_entry()
    {
        var runbook = Repository.Read("docs/operations.md");
        var problems = PrometheusFiles.Alerts().SelectMany(Problems(runbook)).ToList();
        problems.ShouldBeEmpty(string.Join('\n', problems));
    }

    [Fact]
    public void The_runbook_check_catches_an_alert_without_severity_or_runbook()
    {
        var broken = PrometheusFiles.Alerts("""
            groups:
              - name: g
                rules:
                  - alert: NotInTheRunbook
                    expr: up == 0
                    annotations: {summary: s, description: d, runbook_url: "docs/operations.md#elsewhere"}
            """).Single();
        Problems(Repository.Read("docs/operations.md"))(broken).Count().ShouldBe(3);
    }

    [Fact]
    public void Every_alert_has_unit_tests_that_fire_it_and_that_do_not()
    {
        var tested = PrometheusFiles.TestedAlerts();
        var untested = PrometheusFiles.Alerts()
            .Where(a => !tested.TryGetValue(a.Name, out var t) || t.Firing == 0 || t.Silent == 0)
            .Select(a => $"{a.Name}: {tested.GetValueOrDefault(a.Name)}").ToList();
        untested.ShouldBeEmpty("alerts without a firing and a silent case (firing, silent): " + string.Join(", ", untested));
    }

    [Fact]
    public void Cluster_wide_gauges_are_never_summed()
    {
        string[] gauges = ["chatclean_conversations", "chatclean_waiting_queue_length", "chatclean_waiting_queue_oldest_seconds", "chatclean_agents_online"];
        var summed = PrometheusFiles.Alerts().Select(a => (a.Name, a.Expr)).Concat(PrometheusFiles.DashboardExpressions())
            .Where(e => SumOf().Matches(e.Expr).Any(m => gauges.Contains(m.Groups["metric"].Value)))
            .Select(e => $"{e.Item1}: {e.Expr}").ToList();
        summed.ShouldBeEmpty(string.Join('\n', summed));
        SumOf().IsMatch("sum(chatclean_agents_online)").ShouldBeTrue();
    }

    private static Func<AlertRule, IEnumerable<string>> Problems(string runbook) => alert =>
    {
        var problems = new List<string>();
        var anchor = alert.Name.ToLowerInvariant();
        if (alert.Labels.Text("severity") is not ("warning" or "critical"))
        {
            problems.Add($"{alert.Name}: labels.severity must be warning or critical");
        }

        foreach (var annotation in RequiredAnnotations.Where(a => string.IsNullOrWhiteSpace(alert.Annotations.Text(a))))
        {
            problems.Add($"{alert.Name}: annotations.{annotation} is missing");
        }

        if (alert.Annotations.Text("runbook_url") != $"docs/operations.md#{anchor}")
        {
            problems.Add($"{alert.Name}: annotations.runbook_url must be docs/operations.md#{anchor}");
        }

        if (!runbook.Contains($"\n### {alert.Name}\n", StringComparison.Ordinal))
        {
            problems.Add($"{alert.Name}: docs/operations.md has no '### {alert.Name}' entry");
        }

        return problems;
    };

    [GeneratedRegex(@"sum\s*(?:by\s*\([^)]*\)\s*)?\(\s*(?:\w+\s*\(\s*)*(?<metric>\w+)")]
    private static partial Regex SumOf();
}

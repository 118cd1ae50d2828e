using YamlDotNet.RepresentationModel;

namespace ChatClean.Operations.Tests;

/// <summary>An alerting rule of <c>deploy/prometheus/rules</c>, as written.</summary>
public sealed record AlertRule(string Group, string Name, string Expr, YamlMappingNode Labels, YamlMappingNode Annotations);

/// <summary>The files under <c>deploy/prometheus</c> and <c>deploy/grafana</c>, read the way the tests need them.</summary>
public static class PrometheusFiles
{
    public const string Folder = "deploy/prometheus";
    public const string RulesFile = "rules/chatclean.rules.yml";

    public static string FolderPath => Repository.PathOf(Folder);

    /// <summary>The promtool unit-test files, relative to <see cref="Folder"/>.</summary>
    public static string[] TestFiles() =>
        Directory.GetFiles(Path.Combine(FolderPath, "tests"), "*.test.yml").Order(StringComparer.Ordinal)
            .Select(file => Path.GetRelativePath(FolderPath, file)).ToArray();

    public static IReadOnlyList<AlertRule> Alerts(string? text = null)
    {
        var root = text is null ? Repository.LoadYaml($"{Folder}/{RulesFile}") : Repository.ParseYaml(text);
        return root.Seq("groups").Children.SelectMany(group => group.Seq("rules").Children
            .Where(rule => rule.Get("alert") is not null)
            .Select(rule => new AlertRule(
                group.Text("name")!, rule.Text("alert")!, rule.Text("expr")!,
                rule.Get("labels") as YamlMappingNode ?? new YamlMappingNode(),
                rule.Get("annotations") as YamlMappingNode ?? new YamlMappingNode())))
            .ToList();
    }

    /// <summary>Per alert name, how many unit-test evaluations expect it to fire and how many expect silence.</summary>
    public static Dictionary<string, (int Firing, int Silent)> TestedAlerts()
    {
        var tested = new Dictionary<string, (int Firing, int Silent)>(StringComparer.Ordinal);
        foreach (var file in TestFiles())
        {
            foreach (var test in Repository.LoadYaml($"{Folder}/{file}").Seq("tests").Children)
            {
                foreach (var check in (test.Get("alert_rule_test") as YamlSequenceNode)?.Children ?? [])
                {
                    var name = check.Text("alertname")!;
                    var fires = check.Get("exp_alerts") is YamlSequenceNode { Children.Count: > 0 };
                    var (firing, silent) = tested.GetValueOrDefault(name);
                    tested[name] = fires ? (firing + 1, silent) : (firing, silent + 1);
                }
            }
        }

        return tested;
    }

    /// <summary>Every PromQL expression of the Grafana dashboard, with Grafana's <c>$__rate_interval</c> made a real range.</summary>
    public static IReadOnlyList<(string Panel, string Expr)> DashboardExpressions()
    {
        using var dashboard = System.Text.Json.JsonDocument.Parse(Repository.Read("deploy/grafana/chatclean-dashboard.json"));
        return dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .Where(panel => panel.TryGetProperty("targets", out _))
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray().Select(target => (
                panel.GetProperty("title").GetString()!,
                target.GetProperty("expr").GetString()!.Replace("$__rate_interval", "5m", StringComparison.Ordinal))))
            .ToList();
    }
}

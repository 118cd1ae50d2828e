using System.Text.Json;

namespace ChatClean.Operations.Tests;

/// <summary>deploy/grafana/chatclean-dashboard.json: it parses, covers every area of the service and reads the provisioned data source.</summary>
public sealed class DashboardTests
{
    private static readonly string[] Areas = ["HTTP", "Realtime", "Business", "AI", "Event store", "Projections", "Runtime"];

    [Fact]
    public void The_dashboard_is_JSON_with_a_row_for_every_area()
    {
        using var dashboard = JsonDocument.Parse(Repository.Read("deploy/grafana/chatclean-dashboard.json"));
        var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray().ToList();
        dashboard.RootElement.GetProperty("uid").GetString().ShouldBe("chatclean");
        var rows = panels.Where(p => p.GetProperty("type").GetString() == "row").Select(p => p.GetProperty("title").GetString()!).ToList();
        foreach (var area in Areas)
        {
            rows.ShouldContain(row => row.StartsWith(area, StringComparison.Ordinal), $"no row for {area}");
        }

        panels.Select(p => p.GetProperty("id").GetInt32()).ShouldBeUnique();
        panels.Count(p => p.TryGetProperty("targets", out _)).ShouldBeGreaterThan(25);
    }

    [Fact]
    public void Every_query_reads_the_provisioned_Prometheus_data_source()
    {
        var uid = Repository.LoadYaml("deploy/grafana/provisioning/datasources/prometheus.yml").Seq("datasources").Children.Single().Text("uid");
        using var dashboard = JsonDocument.Parse(Repository.Read("deploy/grafana/chatclean-dashboard.json"));
        var sources = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("datasource").GetProperty("uid").GetString()))
            .Distinct().ToList();
        sources.ShouldBe([uid]);
    }
}

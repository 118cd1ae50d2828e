using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatClean.TestSupport;

namespace ChatClean.WebApi.IntegrationTests.Analytics;

/// <summary>The analytics cache: a closed window is served from the cache until one of its conversations changes.</summary>
public sealed class AnalyticsCacheTests(AnalyticsTests.Api api) : IClassFixture<AnalyticsTests.Api>
{
    [Fact]
    public async Task A_cached_closed_window_is_recomputed_as_soon_as_one_of_its_conversations_changes()
    {
        var s = await AnalyticsScenario.RunAsync(api);
        // HybridCache compares an entry's creation time with its tags' invalidation times, on this clock: move past the script's last commit.
        api.Clock.Set(AnalyticsTests.Api.T0.AddSeconds(3760));
        var before = await s.Admin.GetFromJsonAsync<JsonObject>($"/api/v1/admin/analytics/summary?{AnalyticsTests.Api.Window}");

        // Behind the service's back (no event, so no invalidation): a cached window does not see it.
        await api.Database.ExecuteAsync("UPDATE rm_conversations SET feedback_rating = 1 WHERE feedback_rating = 5");
        var cached = await s.Admin.GetFromJsonAsync<JsonObject>($"/api/v1/admin/analytics/summary?{AnalyticsTests.Api.Window}");
        cached!["csat"]!["average"]!.GetValue<double>().ShouldBe(before!["csat"]!["average"]!.GetValue<double>());

        // C7 (started in the window) is taken over long after the window closed: its episode ends, the window's figures move.
        api.Clock.Set(AnalyticsTests.Api.T0.AddSeconds(3800));
        var taken = await (await s.AgentAClient.PostAsync($"/api/v1/conversations/{s.C7}/takeover")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await s.Admin.GetFromJsonAsync<JsonObject>($"/api/v1/admin/conversations/{s.C7}?minVersion={taken.Number("version")}");

        var after = await Eventually.ReturnsAsync(
            () => s.Admin.GetFromJsonAsync<JsonObject>($"/api/v1/admin/analytics/summary?{AnalyticsTests.Api.Window}"),
            x => AnalyticsTests.Int(x!["episodes"], "open") == AnalyticsTests.Int(before["episodes"], "open") - 1,
            what: "the cached window to be invalidated");
        AnalyticsTests.Int(after!["episodes"], "ended").ShouldBe(AnalyticsTests.Int(before["episodes"], "ended") + 1);
        after["csat"]!["average"]!.GetValue<double>().ShouldBe(7.0 / 3, 1e-9, "recomputed from the rows, including the one changed behind its back");
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatClean.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ChatClean.WebApi.IntegrationTests.Analytics;

/// <summary>
/// A scripted day of conversations replayed through the REST API with a hand-held clock, then every metric of
/// docs/metrics.md read from the analytics endpoints and compared with figures worked out by hand below.
/// </summary>
public sealed class AnalyticsTests(AnalyticsTests.Api api) : IClassFixture<AnalyticsTests.Api>
{
    private const double Tolerance = 1e-9;

    /// <summary>The service with a clock the test moves; T0 is 12 hours before the test day so that the window is closed and cacheable.</summary>
    public sealed class Api : ChatCleanApiFactory
    {
        public static readonly DateTimeOffset T0 = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddHours(-12);

        public ManualClock Clock { get; } = new(T0);

        public static string Window => $"from={Q(T0)}&to={Q(T0.AddSeconds(3600))}";

        public static string Q(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("O"));

        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
            [new("Jwt:AccessTokenLifetime", "2.00:00:00"), new("Conversations:WaitingTimeout", "2.00:00:00")];

        internal Task<AnalyticsScenario>? Scenario { get; set; }

        protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
    }

    [Fact]
    public async Task Every_metric_of_a_scripted_window_matches_the_hand_computed_figure()
    {
        var s = await AnalyticsScenario.RunAsync(api);

        var summary = await s.Admin.GetFromJsonAsync<JsonObject>($"/api/v1/admin/analytics/summary?{Api.Window}");

        // 8 conversations started in the window (C1–C7, C9); C8 started after it and counts nowhere.
        Int(summary, "conversations").ShouldBe(8);
        Int(summary, "conversationsWithCustomerMessage").ShouldBe(7);

        var messages = summary!["messages"]!;
        Int(messages["totals"], "customer").ShouldBe(9);
        Int(messages["totals"], "ai").ShouldBe(7);
        Int(messages["totals"], "agent").ShouldBe(3);
        Int(messages["totals"], "system").ShouldBe(1); // C3's timeout tells the customer in a system message
        ShouldBeStats(messages["perConversation"]!["customer"], count: 8, mean: 9.0 / 8, median: 1, p90: 2);
        ShouldBeStats(messages["perConversation"]!["ai"], count: 8, mean: 7.0 / 8, median: 1, p90: 2);
        ShouldBeStats(messages["perConversation"]!["agent"], count: 8, mean: 3.0 / 8, median: 0, p90: 1.3);

        // Handoff: C2, C3, C5, C7 first asked by the customer, C4 through the API; 7 conversations had a customer message.
        var handoff = summary["handoff"]!;
        Int(handoff, "conversations").ShouldBe(5);
        Num(handoff, "rate").ShouldBe(5.0 / 7, Tolerance);
        Num(handoff["byReason"]!["customer_asked"], "rate").ShouldBe(4.0 / 7, Tolerance);
        Num(handoff["byReason"]!["api"], "rate").ShouldBe(1.0 / 7, Tolerance);
        Num(handoff["byReason"]!["ai_low_confidence"], "rate").ShouldBe(0);

        // Episodes: taken over (30 s, 90 s), cancelled (20 s), timed out (60 s), closed while waiting (40 s); C7's is still open.
        var episodes = summary["episodes"]!;
        Int(episodes, "ended").ShouldBe(5);
        Int(episodes, "open").ShouldBe(1);
        Num(episodes["outcomes"]!["taken_over"], "rate").ShouldBe(0.4, Tolerance);
        Num(episodes["outcomes"]!["timed_out"], "rate").ShouldBe(0.2, Tolerance);
        Num(episodes["outcomes"]!["cancelled"], "rate").ShouldBe(0.2, Tolerance);
        Num(episodes["outcomes"]!["closed"], "rate").ShouldBe(0.2, Tolerance);
        ShouldBeStats(summary["waitTime"]!["takenOver"], count: 2, mean: 60, median: 60, p90: 84);
        ShouldBeStats(summary["waitTime"]!["all"], count: 5, mean: 48, median: 40, p90: 78);

        // First responses: AI 2, 5, 1, 205, 100 s; human (first agent message after takeover − request) 50 and 120 s.
        ShouldBeStats(summary["firstResponseTime"]!["ai"], count: 5, mean: 62.6, median: 5, p90: 163);
        ShouldBeStats(summary["firstResponseTime"]!["human"], count: 2, mean: 85, median: 85, p90: 113);

        // Resolution: C1 60, C2 120, C3 200, C4 250, C5 60 s. AI resolved: C1 and C3 (an AI reply, no takeover) of 8.
        ShouldBeStats(summary["resolutionTime"], count: 5, mean: 138, median: 120, p90: 230);
        Int(summary["aiResolution"], "count").ShouldBe(2);
        Num(summary["aiResolution"], "rate").ShouldBe(0.25, Tolerance);

        // CSAT: 5, 4 and 2 for 5 closed conversations.
        var csat = summary["csat"]!;
        Int(csat, "responses").ShouldBe(3);
        Num(csat, "responseRate").ShouldBe(0.6, Tolerance);
        Num(csat, "average").ShouldBe(11.0 / 3, Tolerance);
        Num(csat, "satisfiedShare").ShouldBe(2.0 / 3, Tolerance);
        Int(csat["distribution"], "2").ShouldBe(1);
        Int(csat["distribution"], "3").ShouldBe(0);

        // Rates of episode outcomes always sum to 100 %.
        episodes["outcomes"]!.AsObject().Sum(o => Num(o.Value, "rate")).ShouldBe(1, Tolerance);
    }

    [Fact]
    public async Task Agents_timeseries_and_daily_counts_match_the_script()
    {
        var s = await AnalyticsScenario.RunAsync(api);

        var agents = (await s.Admin.GetFromJsonAsync<JsonArray>($"/api/v1/admin/analytics/agents?{Api.Window}"))!;
        var a = agents.Single(x => x!.Str("agentId") == s.AgentA.ToString())!;
        Int(a, "takeovers").ShouldBe(1);
        Int(a, "transfersReceived").ShouldBe(1);
        Int(a, "activeSessions").ShouldBe(0);
        ShouldBeStats(a["firstResponseTime"], count: 1, mean: 50, median: 50, p90: 50);
        ShouldBeStats(a["handlingTime"], count: 2, mean: 60, median: 60, p90: 68);
        a.Str("username").ShouldStartWith("agent-");
        var b = agents.Single(x => x!.Str("agentId") == s.AgentB.ToString())!;
        Int(b, "takeovers").ShouldBe(1);
        Int(b, "activeSessions").ShouldBe(1);
        ShouldBeStats(b["firstResponseTime"], count: 1, mean: 120, median: 120, p90: 120);
        ShouldBeStats(b["handlingTime"], count: 1, mean: 50, median: 50, p90: 50);

        var series = (await s.Admin.GetFromJsonAsync<JsonArray>(
            $"/api/v1/admin/analytics/timeseries?from={Api.Q(Api.T0)}&to={Api.Q(Api.T0.AddHours(2))}&bucket=hour"))!;
        series.Count.ShouldBe(2);
        Int(series[0], "conversations").ShouldBe(8);
        Num(series[0], "handoffRate").ShouldBe(5.0 / 7, Tolerance);
        Num(series[0], "medianWaitSeconds").ShouldBe(40, Tolerance);
        Num(series[0], "aiResolutionRate").ShouldBe(0.25, Tolerance);
        Int(series[1], "conversations").ShouldBe(1);
        Num(series[1], "takeoverRate").ShouldBe(1, Tolerance);
        Num(series[1], "medianWaitSeconds").ShouldBe(10, Tolerance);

        var day = DateOnly.FromDateTime(Api.T0.UtcDateTime);
        var daily = (await s.Admin.GetFromJsonAsync<JsonArray>($"/api/v1/admin/analytics/daily?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}"))!;
        var counts = daily.Single()!;
        Int(counts, "conversations").ShouldBe(9);
        Int(counts, "conversationsWithHandoff").ShouldBe(6);
        Int(counts, "episodesTakenOver").ShouldBe(3);
        Int(counts, "episodesTimedOut").ShouldBe(1);
        Int(counts, "closedConversations").ShouldBe(5);
        Int(counts, "aiResolvedConversations").ShouldBe(2);
        Int(counts, "feedbackSum").ShouldBe(11);
    }

    [Fact]
    public async Task Analytics_are_for_admins_only_and_windows_are_validated()
    {
        var s = await AnalyticsScenario.RunAsync(api);

        await (await s.AgentAClient.GetAsync($"/api/v1/admin/analytics/summary?{Api.Window}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await s.Admin.GetAsync($"/api/v1/admin/analytics/summary?from={Api.Q(Api.T0)}&to={Api.Q(Api.T0.AddDays(-1))}"))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        await (await s.Admin.GetAsync($"/api/v1/admin/analytics/timeseries?{Api.Window}&bucket=week"))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
    }

    internal static int Int(JsonNode? node, string property) => node![property]!.GetValue<int>();

    private static double Num(JsonNode? node, string property) => node![property]!.GetValue<double>();

    private static void ShouldBeStats(JsonNode? stats, int count, double mean, double median, double p90)
    {
        Int(stats, "count").ShouldBe(count);
        Num(stats, "mean").ShouldBe(mean, Tolerance);
        Num(stats, "median").ShouldBe(median, Tolerance);
        Num(stats, "p90").ShouldBe(p90, Tolerance);
    }
}

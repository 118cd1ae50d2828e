using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatClean.Application.Conversations;
using ChatClean.Domain.Conversations;
using ChatClean.TestSupport;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace ChatClean.WebApi.IntegrationTests;

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

        internal Task<Scenario>? Scenario { get; set; }

        protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
    }

    [Fact]
    public async Task Every_metric_of_a_scripted_window_matches_the_hand_computed_figure()
    {
        var s = await Scenario.RunAsync(api);

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
        var s = await Scenario.RunAsync(api);

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
        var s = await Scenario.RunAsync(api);

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

    /// <summary>
    /// The script, in seconds after T0 (the window is [T0, T0 + 3600 s)):
    /// C1 @0    customer 10, ai 12, customer 20, ai 23, customer closes 60, rates 5 at 70.
    /// C2 @300  customer 310, ai 315, asks a human 320, agent A takes over 350, A writes 370, customer 380, A closes 420, rates 4 at 430.
    /// C3 @600  customer 610, ai 611, asks 620, cancels 640, ai 650, asks again 660, times out 720, customer closes 800.
    /// C4 @900  customer 905, an admin asks a human (api) 910, agent B takes over 1000, B writes 1030, B transfers to A 1050,
    ///          A writes 1060, A releases 1100, ai 1110, customer closes 1150, rates 2 at 1160.
    /// C5 @1200 customer 1210, asks 1220, customer closes while waiting 1260.
    /// C6 @1500 nothing until a customer message at 3650 and an ai reply at 3750 (after the window; C6 still belongs to it).
    /// C7 @1800 customer 1810, asks 1820, still waiting.
    /// C9 @1900 nothing at all.
    /// C8 @3700 (outside the window) customer 3710, asks 3720, B takes over 3730 and still holds it.
    /// </summary>
    internal sealed record Scenario(HttpClient Admin, HttpClient AgentAClient, Guid AgentA, Guid AgentB, string C7)
    {
        /// <summary>Runs the script once per service instance; the tests of a class share it.</summary>
        public static Task<Scenario> RunAsync(Api api) => api.Scenario ??= ScriptAsync(api);

        private static async Task<Scenario> ScriptAsync(Api api)
        {
            var clock = api.Clock;
            var customer = await api.RegisterCustomerAsync();
            var agentA = await api.CreateStaffAsync("agent");
            var agentB = await api.CreateStaffAsync("agent");
            var admin = await api.AdminAsync();

            async Task<string> Start(int at)
            {
                clock.Set(Api.T0.AddSeconds(at));
                return (await (await customer.Http.PostJsonAsync("/api/v1/conversations", new { subject = $"at {at}" })).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");
            }

            async Task<long> Do(int at, HttpClient client, string path, object? body = null)
            {
                clock.Set(Api.T0.AddSeconds(at));
                var response = body is null ? await client.PostAsync(path) : await client.PostJsonAsync(path, body);
                return (await response.ShouldHaveStatusAsync(response.StatusCode == HttpStatusCode.Created ? HttpStatusCode.Created : HttpStatusCode.OK)).Number("version");
            }

            Task<long> Say(int at, TestUser who, string id, string text) => Do(at, who.Http, $"/api/v1/conversations/{id}/messages", new { body = text });

            async Task Service(int at, string id, object command)
            {
                clock.Set(Api.T0.AddSeconds(at));
                await using var scope = api.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
            }

            Task Ai(int at, string id) => Service(at, id, new PostServiceMessageCommand(Guid.Parse(id), SenderKind.Ai, "An answer from the knowledge base."));

            var c1 = await Start(0);
            await Say(10, customer, c1, "hello");
            await Ai(12, c1);
            await Say(20, customer, c1, "thanks");
            await Ai(23, c1);
            await Do(60, customer.Http, $"/api/v1/conversations/{c1}/close");
            await Do(70, customer.Http, $"/api/v1/conversations/{c1}/feedback", new { rating = 5 });

            var c2 = await Start(300);
            await Say(310, customer, c2, "my order");
            await Ai(315, c2);
            await Do(320, customer.Http, $"/api/v1/conversations/{c2}/human-request");
            await Do(350, agentA.Http, $"/api/v1/conversations/{c2}/takeover");
            await Say(370, agentA, c2, "I am on it");
            await Say(380, customer, c2, "great");
            await Do(420, agentA.Http, $"/api/v1/conversations/{c2}/close");
            await Do(430, customer.Http, $"/api/v1/conversations/{c2}/feedback", new { rating = 4 });

            var c3 = await Start(600);
            await Say(610, customer, c3, "question");
            await Ai(611, c3);
            await Do(620, customer.Http, $"/api/v1/conversations/{c3}/human-request");
            await Do(640, customer.Http, $"/api/v1/conversations/{c3}/cancel-human-request");
            await Ai(650, c3);
            await Do(660, customer.Http, $"/api/v1/conversations/{c3}/human-request");
            await Service(720, c3, new TimeOutToAiCommand(Guid.Parse(c3), 2));
            await Do(800, customer.Http, $"/api/v1/conversations/{c3}/close");

            var c4 = await Start(900);
            await Say(905, customer, c4, "refund?");
            await Do(910, admin.Http, $"/api/v1/conversations/{c4}/human-request");
            await Do(1000, agentB.Http, $"/api/v1/conversations/{c4}/takeover");
            await Say(1030, agentB, c4, "let me check");
            await Do(1050, agentB.Http, $"/api/v1/conversations/{c4}/transfer", new { toAgentId = agentA.Id });
            await Say(1060, agentA, c4, "refund done");
            await Do(1100, agentA.Http, $"/api/v1/conversations/{c4}/release");
            await Ai(1110, c4);
            await Do(1150, customer.Http, $"/api/v1/conversations/{c4}/close");
            await Do(1160, customer.Http, $"/api/v1/conversations/{c4}/feedback", new { rating = 2 });

            var c5 = await Start(1200);
            await Say(1210, customer, c5, "anyone?");
            await Do(1220, customer.Http, $"/api/v1/conversations/{c5}/human-request");
            await Do(1260, customer.Http, $"/api/v1/conversations/{c5}/close");

            var c6 = await Start(1500);
            var c7 = await Start(1800);
            await Say(1810, customer, c7, "help");
            await Do(1820, customer.Http, $"/api/v1/conversations/{c7}/human-request");
            await Start(1900);

            await Say(3650, customer, c6, "late question");
            var c8 = await Start(3700);
            await Say(3710, customer, c8, "outside the window");
            await Do(3720, customer.Http, $"/api/v1/conversations/{c8}/human-request");
            await Do(3730, agentB.Http, $"/api/v1/conversations/{c8}/takeover");
            await Ai(3750, c6);

            // The last event of the script is C6's AI reply: once the read models hold it, they hold everything before it.
            var c6Version = (await customer.Http.GetFromJsonAsync<JsonObject>($"/api/v1/conversations/{c6}"))!.Number("version");
            await (await admin.Http.GetAsync($"/api/v1/admin/conversations/{c6}?minVersion={c6Version}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
            return new Scenario(admin.Http, agentA.Http, agentA.Id, agentB.Id, c7);
        }
    }
}

/// <summary>The analytics cache: a closed window is served from the cache until one of its conversations changes.</summary>
public sealed class AnalyticsCacheTests(AnalyticsTests.Api api) : IClassFixture<AnalyticsTests.Api>
{
    [Fact]
    public async Task A_cached_closed_window_is_recomputed_as_soon_as_one_of_its_conversations_changes()
    {
        var s = await AnalyticsTests.Scenario.RunAsync(api);
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

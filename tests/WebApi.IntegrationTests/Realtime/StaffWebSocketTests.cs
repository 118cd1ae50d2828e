using System.Net;

namespace ChatClean.WebApi.IntegrationTests.Realtime;

/// <summary>Staff over the WebSocket gateway: agents' presence and the admins' live figures.</summary>
[Collection(nameof(WebSocketHost))]
public sealed class StaffWebSocketTests(ChatCleanApiFactory api)
{
    private Uri Server => api.Anonymous().BaseAddress!;

    [Fact]
    public async Task Agents_present_over_websocket_are_listed_with_their_status()
    {
        using var agent = await api.CreateStaffAsync("agent");
        await using var ws = await WsClient.ConnectAsync(Server, agent.AccessToken);

        var online = await api.Anonymous().GetAsync("/api/v1/agent/presence");
        online.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // The upgrade completes before the service has recorded the connection as a sign of life: wait for it to be listed.
        var list = await ChatClean.TestSupport.Eventually.ReturnsAsync(
            async () => (await (await agent.Http.GetAsync("/api/v1/agent/presence")).ShouldHaveStatusAsync(HttpStatusCode.OK)).AsArray(),
            present => present.Any(p => p!.Str("agentId") == agent.Id.ToString()),
            what: "the agent listed as present");
        list.Single(p => p!.Str("agentId") == agent.Id.ToString())!.Str("status").ShouldBe("online");

        await ws.SendAsync(new { type = "presence", status = "away", @ref = "p" });
        await ws.ExpectTypeAsync("ack");
        list = (await (await agent.Http.GetAsync("/api/v1/agent/presence")).ShouldHaveStatusAsync(HttpStatusCode.OK)).AsArray();
        list.Single(p => p!.Str("agentId") == agent.Id.ToString())!.Str("status").ShouldBe("away");

        await ws.CloseAsync();
        await Eventually(async () => (await (await agent.Http.GetAsync("/api/v1/agent/presence")).ShouldHaveStatusAsync(HttpStatusCode.OK)).AsArray()
            .All(p => p!.Str("agentId") != agent.Id.ToString()));
    }

    [Fact]
    public async Task Admins_watch_live_figures_and_see_them_move()
    {
        using var admin = await api.AdminAsync();
        using var customer = await api.RegisterCustomerAsync();
        using var agent = await api.CreateStaffAsync("agent");
        await using var agentWs = await WsClient.ConnectAsync(Server, agent.AccessToken);
        await using var adminWs = await WsClient.ConnectAsync(Server, admin.AccessToken);
        await using var customerWs = await WsClient.ConnectAsync(Server, customer.AccessToken);

        await customerWs.SendAsync(new { type = "figures.watch" });
        (await customerWs.ExpectTypeAsync("error")).Text("code").ShouldBe("auth.forbidden");
        await adminWs.SendAsync(new { type = "figures.watch" });
        var before = await adminWs.ExpectTypeAsync("figures");
        before["agentsOnline"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(1);

        var id = (await (await customer.Http.PostJsonAsync("/api/v1/conversations", new { })).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");
        var waiting = await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await admin.Http.GetAsync($"/api/v1/admin/conversations/{id}?minVersion={waiting.Number("version")}")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var after = await adminWs.ExpectAsync(
            f => f.Type() == "figures" && f["waiting"]!.GetValue<int>() > before["waiting"]!.GetValue<int>(), "figures with one more waiting", TimeSpan.FromSeconds(15));
        after["conversationsStartedToday"]!.GetValue<int>().ShouldBeGreaterThan(before["conversationsStartedToday"]!.GetValue<int>());
        after["longestWaitSeconds"].ShouldNotBeNull();
    }

    private static Task<bool> Eventually(Func<Task<bool>> condition) =>
        ChatClean.TestSupport.Eventually.ReturnsAsync(condition, done => done, what: "the condition");
}

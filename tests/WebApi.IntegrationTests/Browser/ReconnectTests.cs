using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatClean.TestSupport;
using Microsoft.Playwright;

namespace ChatClean.WebApi.IntegrationTests.Browser;

/// <summary>
/// The widget across a server restart: the service is killed (SIGKILL) under an open conversation and started again
/// on the same address and data; the page says it is reconnecting, reconnects by itself, resumes by seq, and shows
/// every message exactly once, including those posted around the restart.
/// </summary>
public sealed class ReconnectTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_server_restart_loses_and_doubles_nothing_on_the_customers_screen()
    {
        var port = Ports.Free();
        var data = TestSecrets.NewDataDirectory();
        var settings = TestSecrets.ServiceSettings(data);
        settings["Ai:Enabled"] = "false";
        var service = new Uri($"http://127.0.0.1:{port}");
        var node = await StartAsync(settings, port);
        try
        {
            await using var context = await browser.NewPersonAsync(service);
            var page = await context.NewPageAsync();
            await page.GotoAsync("/chat");
            await page.GetByRole(AriaRole.Button, new() { Name = "I am new here" }).ClickAsync();
            await page.GetByLabel("Username").FillAsync($"restart-{Guid.NewGuid():N}"[..16]);
            await page.GetByLabel("Password").FillAsync("customer-password");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create an account" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Start a conversation" }).ClickAsync();
            await page.GetByLabel("Write a message").FillAsync("before the restart");
            await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Talk to a person" }).ClickAsync();
            await Assertions.Expect(page.Locator(".waiting")).ToBeVisibleAsync();

            using var http = new HttpClient { BaseAddress = service };
            var agentToken = await AgentTokenAsync(http);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", agentToken);
            var queue = await Eventually.ReturnsAsync(async () => await http.GetFromJsonAsync<JsonArray>("/api/v1/agent/queue"), q => q!.Count == 1, what: "the queue");
            var id = queue![0]!["conversationId"]!.GetValue<string>();
            (await http.PostAsync($"/api/v1/conversations/{id}/takeover", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await http.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "agent, first" })).StatusCode.ShouldBe(HttpStatusCode.Created);
            await Assertions.Expect(page.Locator(".message.from-agent .body")).ToHaveTextAsync("agent, first");

            node.Kill();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Connection lost: reconnecting…");
            await BrowserFixture.ShotAsync(page, "chat-reconnecting");
            node.Dispose();
            node = await StartAsync(settings, port);

            (await http.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "agent, after the restart" })).StatusCode.ShouldBe(HttpStatusCode.Created);
            (await http.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "agent, once more" })).StatusCode.ShouldBe(HttpStatusCode.Created);
            await Assertions.Expect(page.Locator(".message.from-agent .body")).ToHaveTextAsync(["agent, first", "agent, after the restart", "agent, once more"], new() { Timeout = 20_000 });
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveCountAsync(0);
            var seqs = await page.Locator(".message[data-seq]").EvaluateAllAsync<int[]>("nodes => nodes.map(n => Number(n.dataset.seq))");
            seqs.Distinct().Count().ShouldBe(seqs.Length, "no message twice");
            seqs.ShouldBe(seqs.Order().ToArray());
            (await page.Locator(".message.from-customer .body").AllTextContentsAsync()).ShouldBe(["before the restart"]);
            await BrowserFixture.ShotAsync(page, "chat-after-restart");
        }
        finally
        {
            node.Dispose();
        }
    }

    private static async Task<ServiceProcess> StartAsync(Dictionary<string, string> settings, int port) =>
        (await ServiceProcess.StartReadyAsync(typeof(Program).Assembly.Location, settings, port: port)).Node;

    private static async Task<string> AgentTokenAsync(HttpClient http)
    {
        var agentName = $"agent-{Guid.NewGuid():N}"[..20];
        var admin = await (await http.PostAsJsonAsync("/api/v1/auth/login", new { username = TestSecrets.AdminUsername, password = TestSecrets.AdminPassword })).Content.ReadFromJsonAsync<JsonObject>();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/users") { Content = JsonContent.Create(new { username = agentName, password = "staff-password", role = "agent" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin!["accessToken"]!.GetValue<string>());
        (await http.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var agent = await (await http.PostAsJsonAsync("/api/v1/auth/login", new { username = agentName, password = "staff-password" })).Content.ReadFromJsonAsync<JsonObject>();
        return agent!["accessToken"]!.GetValue<string>();
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatClean.TestSupport;
using Microsoft.Playwright;

namespace ChatClean.WebApi.IntegrationTests.Browser;

/// <summary>
/// The console on two service nodes sharing MariaDB and Redis: the customer's browser talks to node A, the agent's
/// to node B; the queue, the takeover, the messages both ways, the typing, the agent's presence, the release to the
/// AI and the rating cross between them.
/// </summary>
public sealed class TwoNodeConsoleTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_customer_on_one_node_and_an_agent_on_the_other_talk_through_the_console()
    {
        await using var database = await TestEnvironment.CreateMariaDbDatabaseAsync();
        await database.MigrateAsync();
        var prefix = $"chatclean-test-{Guid.NewGuid():N}";
        ServiceProcess? nodeA = null, nodeB = null;
        try
        {
            Uri a, b;
            (nodeA, a) = await ServiceProcess.StartReadyAsync(typeof(Program).Assembly.Location, Settings(database, prefix));
            (nodeB, b) = await ServiceProcess.StartReadyAsync(typeof(Program).Assembly.Location, Settings(database, prefix));
            var agent = await CreateAgentAsync(b);

            await using var customerContext = await browser.NewPersonAsync(a, phone: true);
            var customer = await customerContext.NewPageAsync();
            await customer.GotoAsync("/chat");
            await customer.GetByRole(AriaRole.Button, new() { Name = "I am new here" }).ClickAsync();
            await customer.GetByLabel("Username").FillAsync($"two-{Guid.NewGuid():N}"[..16]);
            await customer.GetByLabel("Password").FillAsync("customer-password");
            await customer.GetByRole(AriaRole.Button, new() { Name = "Create an account" }).ClickAsync();
            await customer.GetByLabel("What is it about? (optional)").FillAsync("Two nodes");
            await customer.GetByRole(AriaRole.Button, new() { Name = "Start a conversation" }).ClickAsync();
            await customer.GetByLabel("Write a message").FillAsync("hello from node A");
            await customer.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
            await customer.GetByRole(AriaRole.Button, new() { Name = "Talk to a person" }).ClickAsync();

            await using var agentContext = await browser.NewPersonAsync(b);
            var inbox = await agentContext.NewPageAsync();
            await inbox.GotoAsync("/agent");
            await inbox.GetByLabel("Username").FillAsync(agent);
            await inbox.GetByLabel("Password").FillAsync("staff-password");
            await inbox.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Assertions.Expect(inbox.Locator(".queue li", new() { HasText = "Two nodes" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await inbox.GetByRole(AriaRole.Button, new() { Name = "Take over" }).First.ClickAsync();
            await Assertions.Expect(inbox.Locator(".message.from-customer .body")).ToHaveTextAsync("hello from node A");
            await Assertions.Expect(customer.Locator(".notice", new() { HasText = "An agent has joined" })).ToBeVisibleAsync(new() { Timeout = 10_000 });

            await inbox.GetByLabel("Write a message").PressSequentiallyAsync("hello from node B");
            await Assertions.Expect(customer.GetByText("The agent is typing…")).ToBeVisibleAsync(new() { Timeout = 10_000 });
            await inbox.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
            await Assertions.Expect(customer.Locator(".message.from-agent .body")).ToHaveTextAsync("hello from node B", new() { Timeout = 10_000 });
            await customer.GetByLabel("Write a message").FillAsync("thanks, node B");
            await customer.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
            await Assertions.Expect(inbox.Locator(".message.from-customer .body")).ToHaveTextAsync(["hello from node A", "thanks, node B"], new() { Timeout = 10_000 });

            // Away, then the conversation back to the AI; the customer ends it.
            await inbox.GetByLabel("Status").SelectOptionAsync("away");
            await Eventually.ReturnsAsync(() => PresenceOfAsync(a, agent), status => status == "away", what: "the agent's presence, seen from node A");
            await inbox.GetByRole(AriaRole.Button, new() { Name = "Back to the AI" }).ClickAsync();
            await Assertions.Expect(customer.Locator(".notice", new() { HasText = "The assistant answers again." })).ToBeVisibleAsync(new() { Timeout = 10_000 });
            await Assertions.Expect(inbox.GetByText("You hold no conversation.")).ToBeVisibleAsync();
            await customer.GetByRole(AriaRole.Button, new() { Name = "End the conversation" }).ClickAsync();
            await customer.Locator("label.star", new() { Has = customer.GetByRole(AriaRole.Radio, new() { Name = "5 of 5" }) }).ClickAsync(new() { Timeout = 10_000 });
            await customer.GetByRole(AriaRole.Button, new() { Name = "Send rating" }).ClickAsync();
            await Assertions.Expect(customer.GetByText("Thank you for your rating.")).ToBeVisibleAsync();
            await BrowserFixture.ShotAsync(customer, "two-nodes-customer-on-a");
            await BrowserFixture.ShotAsync(inbox, "two-nodes-agent-on-b");
        }
        finally
        {
            nodeA?.Dispose();
            nodeB?.Dispose();
        }
    }

    private static Dictionary<string, string> Settings(MariaDbDatabase database, string prefix)
    {
        var settings = TestSecrets.ServiceSettings(TestSecrets.NewDataDirectory(), database.ConnectionString, prefix);
        settings["Ai:Enabled"] = "false";
        return settings;
    }

    private static async Task<string?> PresenceOfAsync(Uri node, string agent)
    {
        using var http = new HttpClient { BaseAddress = node };
        var login = await (await http.PostAsJsonAsync("/api/v1/auth/login", new { username = agent, password = "staff-password" })).Content.ReadFromJsonAsync<JsonObject>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login!["accessToken"]!.GetValue<string>());
        var present = await http.GetFromJsonAsync<JsonArray>("/api/v1/agent/presence");
        var me = Guid.Parse(login["user"]!["id"]!.GetValue<string>());
        return present!.FirstOrDefault(p => Guid.Parse(p!["agentId"]!.GetValue<string>()) == me)?["status"]?.GetValue<string>();
    }

    private static async Task<string> CreateAgentAsync(Uri node)
    {
        using var http = new HttpClient { BaseAddress = node };
        var admin = await (await http.PostAsJsonAsync("/api/v1/auth/login", new { username = TestSecrets.AdminUsername, password = TestSecrets.AdminPassword })).Content.ReadFromJsonAsync<JsonObject>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", admin!["accessToken"]!.GetValue<string>());
        var username = $"agent-{Guid.NewGuid():N}"[..20];
        (await http.PostAsJsonAsync("/api/v1/admin/users", new { username, password = "staff-password", role = "agent" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        return username;
    }
}

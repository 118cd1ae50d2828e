using System.Net;
using System.Net.Http.Json;
using ChatClean.TestSupport;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace ChatClean.WebApi.IntegrationTests.Browser;

/// <summary>
/// The customer widget (/chat) in a real browser, as a new customer meets it: sign up, start, ask, watch the AI's
/// answer stream in; ask for a person, see the queue, meet the agent, rate. Everything by clicking and typing.
/// </summary>
public sealed class CustomerWidgetTests(CustomerWidgetTests.Api api, BrowserFixture browser) : IClassFixture<CustomerWidgetTests.Api>, IClassFixture<BrowserFixture>
{
    /// <summary>The service with the built-in AI and one knowledge-base document, in the embedded default (SQLite).</summary>
    public sealed class Api : AiApiFactory
    {
        protected override bool UseSqlite => true;

        /// <summary>The port of the shop whose page embeds the widget (another origin; served by the test itself).</summary>
        public static readonly int ShopPort = Ports.Free();

        protected override IEnumerable<KeyValuePair<string, string>> AiSettings => [new("Console:EmbedOrigins:0", $"http://127.0.0.1:{ShopPort}")];

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            using var admin = await AdminAsync();
            await (await admin.Http.PostJsonAsync("/api/v1/admin/knowledge/documents", new { title = "Refunds", content = "Refunds are issued within 5 business days after the return arrives at our warehouse." }))
                .ShouldHaveStatusAsync(HttpStatusCode.Created);
        }
    }

    private Uri Service => api.Anonymous().BaseAddress!;

    [Fact]
    public async Task A_new_customer_signs_up_asks_and_sees_the_AI_answer_stream_in()
    {
        await using var context = await browser.NewPersonAsync(Service, phone: true);
        var page = await context.NewPageAsync();
        var deltas = 0;
        page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) => deltas += frame.Text?.Contains("\"message.delta\"", StringComparison.Ordinal) == true && frame.Text.Contains("\"text\"", StringComparison.Ordinal) ? 1 : 0;

        await page.GotoAsync("/chat");
        await SignUpAsync(page, $"web-{Guid.NewGuid():N}"[..16]);
        await page.GetByLabel("What is it about? (optional)").FillAsync("My refund");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start a conversation" }).ClickAsync();
        await page.GetByLabel("Write a message").FillAsync("How long does a refund take?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();

        var answer = page.Locator(".message.from-ai:not(.streaming) .body");
        await Assertions.Expect(answer.First).ToContainTextAsync("5 business days", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator(".message.from-customer .body").First).ToHaveTextAsync("How long does a refund take?");
        deltas.ShouldBeGreaterThan(0, "the answer came as message.delta frames before the message");
        await BrowserFixture.ShotAsync(page, "chat-ai-answer-phone");
    }

    [Fact]
    public async Task The_customer_asks_for_a_person_sees_the_queue_meets_the_agent_and_rates()
    {
        await using var context = await browser.NewPersonAsync(Service);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/chat");
        var username = $"web-{Guid.NewGuid():N}"[..16];
        await SignUpAsync(page, username);
        await page.GetByRole(AriaRole.Button, new() { Name = "Start a conversation" }).ClickAsync();
        // A question the knowledge base answers, so the AI answers it (one it cannot answer, it hands to a person itself).
        await page.GetByLabel("Write a message").FillAsync("How long does a refund take?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".message.from-ai:not(.streaming) .body").First).ToContainTextAsync("5 business days", new() { Timeout = 20_000 });

        await page.GetByRole(AriaRole.Button, new() { Name = "Talk to a person" }).ClickAsync();
        await Assertions.Expect(page.Locator(".waiting")).ToContainTextAsync("you are number 1 of 1");
        await BrowserFixture.ShotAsync(page, "chat-waiting");

        // The agent, through the public API (the agent inbox has its own browser tests).
        using var agent = await api.CreateStaffAsync("agent");
        var queue = await Eventually.ReturnsAsync(async () => await agent.Http.GetFromJsonAsync<JsonArray>("/api/v1/agent/queue"), q => q!.Count == 1, what: "the waiting queue");
        var id = queue![0]!["conversationId"]!.GetValue<string>();
        await (await agent.Http.PostAsync($"/api/v1/conversations/{id}/takeover")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await Assertions.Expect(page.Locator(".notice", new() { HasText = "An agent has joined" })).ToBeVisibleAsync();
        await (await agent.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "Hello, I can change it for you." })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await Assertions.Expect(page.Locator(".message.from-agent .body")).ToHaveTextAsync("Hello, I can change it for you.");
        await (await agent.Http.PostAsync($"/api/v1/conversations/{id}/close")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        await Assertions.Expect(page.GetByText("How did we do?")).ToBeVisibleAsync();
        await page.Locator("label.star", new() { Has = page.GetByRole(AriaRole.Radio, new() { Name = "4 of 5" }) }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "4 of 5" })).ToBeCheckedAsync();
        await page.GetByLabel("Anything to add? (optional)").FillAsync("Quick and kind");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send rating" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Thank you for your rating.")).ToBeVisibleAsync();
        await BrowserFixture.ShotAsync(page, "chat-rated");

        using var admin = await api.AdminAsync();
        var detail = await (await admin.Http.GetAsync($"/api/v1/admin/conversations/{id}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        detail["conversation"]!["feedbackRating"]!.GetValue<int>().ShouldBe(4);
    }

    [Fact]
    public async Task The_widget_speaks_Chinese_to_a_Chinese_browser_and_a_wrong_password_is_said_plainly()
    {
        await using var context = await browser.NewPersonAsync(Service, locale: "zh-CN");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/chat");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "登录" })).ToBeVisibleAsync();
        await page.GetByLabel("用户名").FillAsync("nobody-here");
        await page.GetByLabel("密码").FillAsync("wrong-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("用户名或密码错误。");
        await BrowserFixture.ShotAsync(page, "chat-sign-in-zh");
    }

    [Fact]
    public async Task Another_site_embeds_the_widget_with_one_script_tag()
    {
        // The shop: a page of its own origin with the one tag.
        using var shop = new HttpListener();
        shop.Prefixes.Add($"http://127.0.0.1:{Api.ShopPort}/");
        shop.Start();
        var serving = Task.Run(async () =>
        {
            var request = await shop.GetContextAsync();
            var body = System.Text.Encoding.UTF8.GetBytes(
                $"<!doctype html><html lang=\"en\"><head><title>Shop</title></head><body><h1>Kettles</h1><script src=\"{Service}chat/widget.js\" defer></script></body></html>");
            request.Response.ContentType = "text/html; charset=utf-8";
            await request.Response.OutputStream.WriteAsync(body);
            request.Response.Close();
        });
        await using var context = await browser.NewPersonAsync(Service);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"http://127.0.0.1:{Api.ShopPort}/");
        await serving;
        await page.GetByRole(AriaRole.Button, new() { Name = "Chat with us" }).ClickAsync();
        var widget = page.FrameLocator("iframe[title='Chat with us']");
        await widget.GetByRole(AriaRole.Button, new() { Name = "I am new here" }).ClickAsync();
        await widget.GetByLabel("Username").FillAsync($"shop-{Guid.NewGuid():N}"[..16]);
        await widget.GetByLabel("Password").FillAsync("customer-password");
        await widget.GetByRole(AriaRole.Button, new() { Name = "Create an account" }).ClickAsync();
        await widget.GetByRole(AriaRole.Button, new() { Name = "Start a conversation" }).ClickAsync();
        await widget.GetByLabel("Write a message").FillAsync("How long does a refund take?");
        await widget.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Assertions.Expect(widget.Locator(".message.from-ai:not(.streaming) .body").First).ToContainTextAsync("5 business days", new() { Timeout = 20_000 });
        await BrowserFixture.ShotAsync(page, "widget-embedded");
    }

    private static async Task SignUpAsync(IPage page, string username)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "I am new here" }).ClickAsync();
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync("customer-password");
        await page.GetByLabel("Your name (optional)").FillAsync("Web Customer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create an account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Start a conversation" })).ToBeVisibleAsync();
    }
}

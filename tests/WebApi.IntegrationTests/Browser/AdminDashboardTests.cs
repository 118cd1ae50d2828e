using System.Net;
using ChatClean.TestSupport;
using Microsoft.Playwright;

namespace ChatClean.WebApi.IntegrationTests.Browser;

/// <summary>The admin dashboard (/admin) on MariaDB: the day's figures and charts after a conversation, the live figures, and the staff accounts.</summary>
public sealed class AdminDashboardTests(ChatCleanApiFactory api, BrowserFixture browser) : IClassFixture<ChatCleanApiFactory>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_admin_sees_the_days_figures_in_charts_and_creates_and_disables_an_agent()
    {
        using var customer = await api.RegisterCustomerAsync();
        using var agent = await api.CreateStaffAsync("agent");
        var id = (await (await customer.Http.PostJsonAsync("/api/v1/conversations", new { subject = "dashboard" })).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");
        await (await customer.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "hello" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await agent.Http.PostAsync($"/api/v1/conversations/{id}/takeover")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await agent.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "hi, how can I help?" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/close")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await customer.Http.PostJsonAsync($"/api/v1/conversations/{id}/feedback", new { rating = 4 })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        using var admin = await api.AdminAsync();
        await Eventually.ReturnsAsync(
            async () => (await (await admin.Http.GetAsync($"/api/v1/admin/conversations/{id}")).ShouldHaveStatusAsync(HttpStatusCode.OK))["conversation"]!["feedbackRating"]?.GetValue<int>(),
            rating => rating == 4,
            what: "the read models");

        await using var context = await browser.NewPersonAsync(api.Anonymous().BaseAddress!);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin");
        await page.GetByLabel("Username").FillAsync(ChatCleanApiFactory.AdminUsername);
        await page.GetByLabel("Password").FillAsync(ChatCleanApiFactory.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        var conversations = page.Locator(".figure", new() { Has = page.Locator("dt", new() { HasTextString = "Conversations" }) }).Locator("dd");
        await Assertions.Expect(conversations.First).Not.ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator(".figure", new() { HasText = "CSAT (average, responses)" }).Locator("dd")).ToContainTextAsync("(1)");
        await Assertions.Expect(page.Locator(".chart canvas")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator(".figure", new() { HasText = "Waiting now" })).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await page.GetByLabel("Window").SelectOptionAsync("7");
        await Assertions.Expect(page.Locator(".chart canvas")).ToHaveCountAsync(4);
        await BrowserFixture.ShotAsync(page, "admin-dashboard");

        var username = $"new-{Guid.NewGuid():N}"[..16];
        var form = page.GetByRole(AriaRole.Form, new() { Name = "New agent" });
        await form.GetByLabel("Username").FillAsync(username);
        await form.GetByLabel("Password").FillAsync("staff-password");
        await form.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        var row = page.Locator("tr", new() { HasText = username });
        await Assertions.Expect(row).ToContainTextAsync("agent");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Disable {username}" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("disabled");
        (await api.Anonymous().PostJsonAsync("/api/v1/auth/login", new { username, password = "staff-password" })).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_admin_finds_a_conversation_by_its_words_reads_its_transcript_and_audit_timeline_and_tries_the_knowledge_base()
    {
        using var customer = await api.RegisterCustomerAsync();
        var id = (await (await customer.Http.PostJsonAsync("/api/v1/conversations", new { subject = "parcel question" })).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");
        await (await customer.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "my zebrafish parcel is late" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        using var admin = await api.AdminAsync();
        await Eventually.ReturnsAsync(
            async () => (await (await admin.Http.GetAsync("/api/v1/admin/conversations?q=zebrafish")).ShouldHaveStatusAsync(HttpStatusCode.OK))["items"]!.AsArray().Count,
            count => count == 1,
            what: "the search index");

        await using var context = await browser.NewPersonAsync(api.Anonymous().BaseAddress!);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin");
        await page.GetByLabel("Username").FillAsync(ChatCleanApiFactory.AdminUsername);
        await page.GetByLabel("Password").FillAsync(ChatCleanApiFactory.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Conversations" }).ClickAsync();
        await page.GetByLabel("Words in the messages").FillAsync("zebrafish");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "parcel question" }).ClickAsync();
        await Assertions.Expect(page.Locator(".transcript .message .body")).ToHaveTextAsync(["my zebrafish parcel is late"]);
        await Assertions.Expect(page.Locator(".audit tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator(".audit tr").First).ToContainTextAsync("ConversationStarted.v1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify the whole log" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Intact:");
        await BrowserFixture.ShotAsync(page, "admin-conversation-audit");

        await page.GetByRole(AriaRole.Button, new() { Name = "Knowledge base" }).ClickAsync();
        await page.GetByLabel("Title").FillAsync("Late parcels");
        await page.GetByLabel("Content").FillAsync("A late parcel is traced by our courier within two days; write to us with the order number.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Edit Late parcels" })).ToBeVisibleAsync();
        await page.GetByLabel("Test a question").FillAsync("my parcel is late");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask" }).ClickAsync();
        await Assertions.Expect(page.Locator(".passages li").First).ToContainTextAsync("traced by our courier");
        await BrowserFixture.ShotAsync(page, "admin-knowledge");

        await page.GetByRole(AriaRole.Button, new() { Name = "Edit Late parcels" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Content")).ToHaveValueAsync("A late parcel is traced by our courier within two days; write to us with the order number.");
        await page.GetByLabel("Content").FillAsync("A late parcel is found by our courier within three days.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Content")).ToHaveValueAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask" }).ClickAsync();
        await Assertions.Expect(page.Locator(".passages li").First).ToContainTextAsync("within three days");
    }
}

using System.Net;
using ChatClean.TestSupport;
using Microsoft.Playwright;

namespace ChatClean.WebApi.IntegrationTests.Browser;

/// <summary>
/// The agent inbox (/agent) and the customer widget in separate browser contexts, on MariaDB: the customer asks for a
/// person, two agents race for the takeover (one wins; the other sees it gone or is told so plainly), the winner
/// answers while the customer watches the typing and the answer arrive, transfers it to the other agent, who answers
/// and closes, and the customer rates.
/// </summary>
public sealed class AgentInboxTests(ChatCleanApiFactory api, BrowserFixture browser) : IClassFixture<ChatCleanApiFactory>, IClassFixture<BrowserFixture>
{
    private Uri Service => api.Anonymous().BaseAddress!;

    [Fact]
    public async Task Two_agents_race_the_winner_answers_the_customer_sees_it_and_rates()
    {
        await using var customerContext = await browser.NewPersonAsync(Service, phone: true);
        var customer = await customerContext.NewPageAsync();
        await customer.GotoAsync("/chat");
        await customer.GetByRole(AriaRole.Button, new() { Name = "I am new here" }).ClickAsync();
        await customer.GetByLabel("Username").FillAsync($"inbox-{Guid.NewGuid():N}"[..16]);
        await customer.GetByLabel("Password").FillAsync("customer-password");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Create an account" }).ClickAsync();
        await customer.GetByLabel("What is it about? (optional)").FillAsync("Broken kettle");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Start a conversation" }).ClickAsync();
        await customer.GetByLabel("Write a message").FillAsync("My kettle arrived broken");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await customer.GetByRole(AriaRole.Button, new() { Name = "Talk to a person" }).ClickAsync();
        await Assertions.Expect(customer.Locator(".waiting")).ToBeVisibleAsync();

        var first = await api.CreateStaffAsync("agent");
        var second = await api.CreateStaffAsync("agent");
        await using var firstContext = await browser.NewPersonAsync(Service);
        await using var secondContext = await browser.NewPersonAsync(Service);
        var inboxes = new[] { await SignInAsync(firstContext, first), await SignInAsync(secondContext, second) };
        foreach (var inbox in inboxes)
        {
            await Assertions.Expect(inbox.Locator(".queue li", new() { HasText = "Broken kettle" })).ToBeVisibleAsync(new() { Timeout = 10_000 });
        }

        await BrowserFixture.ShotAsync(inboxes[0], "agent-queue");
        // Both click at once; a button already gone when its click comes (the queue moved first) is the other outcome.
        var clicks = await Task.WhenAll(inboxes.Select(async i =>
        {
            try
            {
                await i.GetByRole(AriaRole.Button, new() { Name = "Take over" }).First.ClickAsync(new() { Timeout = 3_000 });
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        }));
        clicks.ShouldContain(true);

        // One of them holds it; the other sees it gone from the queue, and if its click lost the race, is told so.
        var winner = await Eventually.ReturnsAsync(
            async () => (await (await first.Http.GetAsync("/api/v1/agent/queue")).ShouldHaveStatusAsync(HttpStatusCode.OK)).AsArray().Count == 0 ? await HolderAsync() : null,
            h => h is not null,
            what: "the takeover");
        var (winnerPage, loserPage) = winner == first.Id ? (inboxes[0], inboxes[1]) : (inboxes[1], inboxes[0]);
        await Assertions.Expect(loserPage.GetByText("Nobody is waiting.")).ToBeVisibleAsync();
        var loserError = await loserPage.GetByRole(AriaRole.Alert).TextContentAsync();
        (loserError is "" or null || loserError.Contains("Another agent took this conversation first.", StringComparison.Ordinal)).ShouldBeTrue(loserError);
        await Assertions.Expect(customer.Locator(".notice", new() { HasText = "An agent has joined" })).ToBeVisibleAsync();

        // The winner sees the whole conversation, types (the customer sees it) and answers.
        await Assertions.Expect(winnerPage.Locator(".message.from-customer .body")).ToHaveTextAsync("My kettle arrived broken");
        await winnerPage.GetByLabel("Write a message").PressSequentiallyAsync("Sorry to hear that");
        await Assertions.Expect(customer.GetByText("The agent is typing…")).ToBeVisibleAsync();
        await winnerPage.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Assertions.Expect(customer.Locator(".message.from-agent .body")).ToHaveTextAsync("Sorry to hear that");
        await BrowserFixture.ShotAsync(winnerPage, "agent-conversation");
        await BrowserFixture.ShotAsync(customer, "chat-agent-answer-phone");

        // The winner hands it to the other agent, who finds it among their conversations and answers.
        var loser = winner == first.Id ? second : first;
        await winnerPage.GetByLabel("Transfer to").SelectOptionAsync(loser.Id.ToString());
        await winnerPage.GetByRole(AriaRole.Button, new() { Name = "Transfer", Exact = true }).ClickAsync();
        await Assertions.Expect(winnerPage.GetByText("You hold no conversation.")).ToBeVisibleAsync();
        await loserPage.GetByRole(AriaRole.Button, new() { Name = "Broken kettle" }).ClickAsync();
        await loserPage.GetByLabel("Write a message").FillAsync("I am taking over from my colleague");
        await loserPage.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Assertions.Expect(customer.Locator(".message.from-agent .body")).ToHaveTextAsync(["Sorry to hear that", "I am taking over from my colleague"]);
        await Assertions.Expect(loserPage.Locator(".message.mine .body")).ToHaveTextAsync(["I am taking over from my colleague"]);
        await Assertions.Expect(customer.Locator(".notice", new() { HasText = "Another agent continues the conversation." })).ToBeVisibleAsync();
        await BrowserFixture.ShotAsync(loserPage, "agent-after-transfer");

        await loserPage.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Assertions.Expect(customer.GetByText("How did we do?")).ToBeVisibleAsync();
        await customer.Locator("label.star", new() { Has = customer.GetByRole(AriaRole.Radio, new() { Name = "5 of 5" }) }).ClickAsync();
        await customer.GetByRole(AriaRole.Button, new() { Name = "Send rating" }).ClickAsync();
        await Assertions.Expect(customer.GetByText("Thank you for your rating.")).ToBeVisibleAsync();
        await Assertions.Expect(loserPage.GetByText("You hold no conversation.")).ToBeVisibleAsync();
    }

    private async Task<Guid?> HolderAsync()
    {
        using var admin = await api.AdminAsync();
        var found = await (await admin.Http.GetAsync("/api/v1/admin/conversations?mode=human")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var item = found["items"]!.AsArray().FirstOrDefault(i => i!["subject"]?.GetValue<string>() == "Broken kettle");
        return item?["agentId"]?.GetValue<string>() is { } id ? Guid.Parse(id) : null;
    }

    private static async Task<IPage> SignInAsync(IBrowserContext context, TestUser agent)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/agent");
        await page.GetByLabel("Username").FillAsync(agent.Username);
        await page.GetByLabel("Password").FillAsync(agent.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Waiting" })).ToBeVisibleAsync();
        return page;
    }
}

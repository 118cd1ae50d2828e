using System.Net;
using ChatClean.Application.Abstractions.EventStore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ChatClean.WebApi.IntegrationTests.Webhooks.WebhookScenario;

namespace ChatClean.WebApi.IntegrationTests.Webhooks;

/// <summary>The service with short webhook delays: a one-second timeout, retries after 0.1 s doubling up to 0.4 s.</summary>
public class WebhookApiFactory : ChatCleanApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
    [
        new("Ai:Enabled", "false"),
        new("Webhooks:Timeout", "00:00:01"),
        new("Webhooks:FirstRetryDelay", "00:00:00.1"),
        new("Webhooks:MaxRetryDelay", "00:00:00.4"),
        new("Webhooks:MaxAttempts", "4"),
        new("Webhooks:PauseAfterFailures", "6"),
        new("Webhooks:PollInterval", "00:00:00.2"),
    ];
}

/// <summary>The same on SQLite (the embedded mode).</summary>
public sealed class SqliteWebhookApiFactory : WebhookApiFactory
{
    protected override bool UseSqlite => true;
}

/// <summary>The delivery scenario on SQLite: one node, the same outbox, claims and order.</summary>
public sealed class SqliteWebhookDeliveryTests(SqliteWebhookApiFactory api) : IClassFixture<SqliteWebhookApiFactory>
{
    [Fact]
    public Task Every_transition_arrives_signed_once_and_in_order_through_500s_and_a_timeout() => WebhookDeliveryTests.DeliverThroughFailuresAsync(api);
}

/// <summary>Deliveries from the event log to a receiver that fails, hangs and recovers (docs/webhooks.md).</summary>
public sealed class WebhookDeliveryTests(WebhookApiFactory api) : IClassFixture<WebhookApiFactory>
{
    private static readonly string[] StartsOnly = ["conversation.started"];
    private static readonly string[] UnknownType = ["nope"];

    [Fact]
    public Task Every_transition_arrives_signed_once_and_in_order_through_500s_and_a_timeout() => DeliverThroughFailuresAsync(api);

    internal static async Task DeliverThroughFailuresAsync(ChatCleanApiFactory api)
    {
        using var deliveries = new Operations.CounterWatch("chatclean.webhook.deliveries");
        await using var receiver = new WebhookReceiver { Answer = n => n switch { 1 or 2 => 500, 3 => null, _ => 200 }, Hang = TimeSpan.FromSeconds(2) };
        using var admin = await api.AdminAsync();
        using var customer = await api.RegisterCustomerAsync();
        using var agent = await api.CreateStaffAsync("agent");
        var endpoint = await RegisterAsync(admin.Http, receiver.Url);

        var conversation = await FirstHalfAsync(customer.Http, agent.Http);
        await SecondHalfAsync(customer.Http, conversation);
        var expected = await ExpectedAsync(api.Services.GetRequiredService<IEventStore>(), endpoint, conversation);
        await UntilDeliveredAsync(receiver, expected.Select(e => e.Id));

        expected.Select(e => e.Type).ShouldBe(
            ["conversation.started", "message.posted", "human.requested", "agent.took_over", "message.posted", "conversation.released",
                "conversation.closed", "feedback.given"]);
        ShouldHaveReceivedInOrder(receiver, expected, conversation);
        receiver.Requests.Count(r => !r.Succeeded).ShouldBe(3, "two 500s and one timeout");
        var first = receiver.Requests.First(r => r.Succeeded).Body;
        first["conversationId"]!.GetValue<string>().ShouldBe(conversation);
        first["data"]!["conversationId"]!.GetValue<string>().ShouldBe(conversation);
        first["occurredAt"].ShouldNotBeNull();

        var attempts = await WebhookWaits.UntilAsync(admin.Http, $"/api/v1/admin/webhooks/{endpoint}/attempts", a => a.Count >= expected.Count + 3);
        attempts.Count(a => a!["statusCode"]?.GetValue<int>() == 500).ShouldBe(2);
        attempts.Count(a => a!["outcome"]!.GetValue<string>() == "retry" && a["statusCode"] is null).ShouldBe(1, "the timeout");
        var endpoints = (await (await admin.Http.GetAsync("/api/v1/admin/webhooks")).ShouldHaveStatusAsync(HttpStatusCode.OK)).AsArray();
        endpoints.Single(e => e!["id"]!.GetValue<string>() == endpoint)!["paused"]!.GetValue<bool>().ShouldBeFalse();
        deliveries.Total.ShouldBeGreaterThanOrEqualTo(expected.Count + 3);
    }

    [Fact]
    public async Task An_endpoint_that_keeps_failing_is_paused_then_resumed_and_a_failed_delivery_redelivered()
    {
        var failing = true;
        using var pauses = new Operations.CounterWatch("chatclean.webhook.endpoint_pauses");
        await using var receiver = new WebhookReceiver { Answer = _ => failing ? 503 : 200 };
        using var admin = await api.AdminAsync();
        using var customer = await api.RegisterCustomerAsync();
        var endpoint = await RegisterAsync(admin.Http, receiver.Url, ["conversation.started", "message.posted"]);

        var conversation = await TestConversations.StartAsync(customer);
        await (await customer.Http.PostJsonAsync($"/api/v1/conversations/{conversation}/messages", new { body = "hello" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        var endpoints = await WebhookWaits.UntilAsync(admin.Http, "/api/v1/admin/webhooks", list => list.Any(e => e!["id"]!.GetValue<string>() == endpoint && e["paused"]!.GetValue<bool>()));
        endpoints.Single(e => e!["id"]!.GetValue<string>() == endpoint)!["paused"]!.GetValue<bool>().ShouldBeTrue("six failed attempts in a row");
        var failed = await WebhookWaits.UntilAsync(admin.Http, $"/api/v1/admin/webhooks/{endpoint}/deliveries?status=failed", list => list.Count > 0);
        failed.Count.ShouldBe(1, "the start failed for good after four attempts; the message waited behind it");
        var pending = await WebhookWaits.UntilAsync(admin.Http, $"/api/v1/admin/webhooks/{endpoint}/deliveries?status=pending", list => list.Count > 0);
        pending.Count.ShouldBe(1);
        pauses.Total.ShouldBeGreaterThanOrEqualTo(1);
        await Task.Delay(1000);
        var sent = receiver.Requests.Count;
        await Task.Delay(1000);
        receiver.Requests.Count.ShouldBe(sent, "a paused endpoint is not sent to");

        failing = false;
        (await admin.Http.PostAsync($"/api/v1/admin/webhooks/{endpoint}/resume")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var message = pending[0]!["id"]!.GetValue<string>();
        await UntilDeliveredAsync(receiver, [Guid.Parse(message)], seconds: 10);
        receiver.Successes.ShouldBe([Guid.Parse(message)]);

        var start = failed[0]!["id"]!.GetValue<string>();
        await (await admin.Http.PostAsync($"/api/v1/admin/webhooks/{endpoint}/deliveries/{start}/redeliver")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await UntilDeliveredAsync(receiver, [Guid.Parse(start)], seconds: 10);
        receiver.Successes.ShouldBe([Guid.Parse(message), Guid.Parse(start)]);
        receiver.Requests.ShouldAllBe(r => r.SignatureValid);
    }

    [Fact]
    public async Task A_hanging_endpoint_does_not_hold_back_another_endpoint()
    {
        await using var hanging = new WebhookReceiver { Answer = _ => null, Hang = TimeSpan.FromSeconds(5) };
        await using var healthy = new WebhookReceiver();
        using var admin = await api.AdminAsync();
        using var customer = await api.RegisterCustomerAsync();
        using var agent = await api.CreateStaffAsync("agent");
        await RegisterAsync(admin.Http, hanging.Url);
        var endpoint = await RegisterAsync(admin.Http, healthy.Url);

        var conversation = await FirstHalfAsync(customer.Http, agent.Http);
        await SecondHalfAsync(customer.Http, conversation);
        var expected = await ExpectedAsync(api.Services.GetRequiredService<IEventStore>(), endpoint, conversation);
        var started = DateTime.UtcNow;
        await UntilDeliveredAsync(healthy, expected.Select(e => e.Id), seconds: 10);

        ShouldHaveReceivedInOrder(healthy, expected, conversation);
        (DateTime.UtcNow - started).ShouldBeLessThan(TimeSpan.FromSeconds(5), "eight deliveries, not one timeout (1 s) each");
        hanging.Requests.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task An_erasure_leaves_no_erased_text_in_the_outbox_and_a_redelivery_sends_the_erased_body()
    {
        await using var receiver = new WebhookReceiver();
        using var admin = await api.AdminAsync();
        using var customer = await api.RegisterCustomerAsync();
        var endpoint = await RegisterAsync(admin.Http, receiver.Url, ["message.posted"]);
        var conversation = await TestConversations.StartAsync(customer);
        await (await customer.Http.PostJsonAsync($"/api/v1/conversations/{conversation}/messages", new { body = "I live at 12 Elm Street" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        var expected = (await ExpectedAsync(api.Services.GetRequiredService<IEventStore>(), endpoint, conversation)).Where(e => e.Type == "message.posted").ToArray();
        await UntilDeliveredAsync(receiver, expected.Select(e => e.Id));
        receiver.Successes.ShouldBe(expected.Select(e => e.Id).ToArray());
        receiver.Requests.Single(r => r.Succeeded).Body.ToJsonString().ShouldContain("Elm Street");

        using (var scope = api.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<Application.Audit.CustomerErasure>()
                .EraseAsync(new ChatClean.Domain.Common.UserId(customer.Id), Domain.Conversations.Actor.System, CancellationToken.None);
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await BodiesMentionAsync(Guid.Parse(conversation), "Elm Street") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        (await BodiesMentionAsync(Guid.Parse(conversation), "Elm Street")).ShouldBeFalse();
        var delivery = expected[0].Id;
        await (await admin.Http.PostAsync($"/api/v1/admin/webhooks/{endpoint}/deliveries/{delivery}/redeliver")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        deadline = DateTime.UtcNow.AddSeconds(10);
        while (receiver.Successes.Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var again = receiver.Requests.Where(r => r.Succeeded).ToArray();
        again.Length.ShouldBe(2);
        again[1].Id.ShouldBe(delivery);
        again[1].Body.ToJsonString().ShouldNotContain("Elm Street");
    }

    private async Task<bool> BodiesMentionAsync(Guid conversation, string text)
    {
        using var scope = api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatClean.Infrastructure.Persistence.ChatCleanDbContext>();
        var bodies = await db.WebhookDeliveries.Where(d => d.ConversationId == conversation).Select(d => d.Body).ToListAsync();
        return bodies.Any(b => b.Contains(text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_admins_manage_webhooks()
    {
        using var agent = await api.CreateStaffAsync("agent");
        using var customer = await api.RegisterCustomerAsync();
        var body = new { url = "http://127.0.0.1:9/x", secret = WebhookReceiver.Secret, eventTypes = StartsOnly };
        (await agent.Http.PostJsonAsync("/api/v1/admin/webhooks", body)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await customer.Http.GetAsync("/api/v1/admin/webhooks")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var admin = await api.AdminAsync();
        (await admin.Http.PostJsonAsync("/api/v1/admin/webhooks", new { url = "ftp://x", secret = "short", eventTypes = UnknownType })).StatusCode
            .ShouldBe(HttpStatusCode.BadRequest);
    }
}

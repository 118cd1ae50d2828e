using System.Net;
using ChatClean.Infrastructure.EventStore;
using ChatClean.WebApi.IntegrationTests.Realtime;
using ChatClean.WebApi.IntegrationTests.Restarts;
using static ChatClean.WebApi.IntegrationTests.Webhooks.WebhookScenario;

namespace ChatClean.WebApi.IntegrationTests.Webhooks;

/// <summary>
/// Deliveries pending when the service is killed (SIGKILL) are sent by the next process, once each, in order; two nodes
/// on one database share the outbox without sending a delivery twice.
/// </summary>
[Collection(nameof(RedisRestart))]
public sealed class WebhookRestartTests : ServiceNodeTests
{
    private static readonly Dictionary<string, string> Fast = new()
    {
        ["Webhooks:Timeout"] = "00:00:01",
        ["Webhooks:FirstRetryDelay"] = "00:00:00.1",
        ["Webhooks:MaxRetryDelay"] = "00:00:00.4",
        ["Webhooks:MaxAttempts"] = "1000",
        ["Webhooks:PauseAfterFailures"] = "100000",
        ["Webhooks:PollInterval"] = "00:00:00.2",
    };

    [Fact]
    public async Task Deliveries_pending_at_a_kill_arrive_after_the_restart_once_each_in_order()
    {
        var down = true;
        await using var receiver = new WebhookReceiver { Answer = _ => down ? 503 : 200 };
        var node = await StartAsync(embedded: false, extra: Fast);
        var (customerToken, adminToken) = await UsersAsync(node);
        using var admin = Client(node, adminToken);
        await (await admin.PostJsonAsync("/api/v1/admin/users", new { username = "hook-agent", password = "staff-password", displayName = "Hook Agent", role = "agent" }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);
        using var anonymous = new HttpClient { BaseAddress = node };
        var agentToken = await anonymous.LoginAsync("hook-agent", "staff-password");
        var endpoint = await RegisterAsync(admin, receiver.Url);
        string conversation;
        using (var customer = Client(node, customerToken))
        using (var agent = Client(node, agentToken))
        {
            conversation = await FirstHalfAsync(customer, agent);
        }

        await WebhookWaits.UntilAsync(admin, $"/api/v1/admin/webhooks/{endpoint}/deliveries?status=pending", list => list.Count >= 6);
        for (var waited = 0; receiver.Requests.IsEmpty && waited < 100; waited++)
        {
            await Task.Delay(100);
        }

        receiver.Requests.ShouldNotBeEmpty("the first delivery was tried and refused before the kill");
        Kill(node);
        down = false;

        var restarted = await StartAsync(embedded: false, extra: Fast);
        using (var customer = Client(restarted, customerToken))
        {
            await SecondHalfAsync(customer, conversation);
        }

        var expected = await ExpectedAsync(endpoint, conversation);
        expected.Count.ShouldBe(8);
        await UntilDeliveredAsync(receiver, expected.Select(e => e.Id));
        ShouldHaveReceivedInOrder(receiver, expected, conversation);
    }

    [Fact]
    public async Task Two_nodes_send_each_delivery_once_in_order_per_conversation()
    {
        await using var receiver = new WebhookReceiver { Answer = n => n % 4 == 0 ? 500 : 200 };
        var nodeA = await StartAsync(embedded: false, extra: Fast);
        var nodeB = await StartAsync(embedded: false, extra: Fast);
        var (customerToken, adminToken) = await UsersAsync(nodeA);
        using var admin = Client(nodeA, adminToken);
        await (await admin.PostJsonAsync("/api/v1/admin/users", new { username = "hook-agent-2", password = "staff-password", displayName = "Hook Agent", role = "agent" }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);
        using var anonymous = new HttpClient { BaseAddress = nodeB };
        var agentToken = await anonymous.LoginAsync("hook-agent-2", "staff-password");
        var endpoint = await RegisterAsync(admin, receiver.Url);
        using var customer = Client(nodeA, customerToken);
        using var agent = Client(nodeB, agentToken);

        var conversations = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            var id = await FirstHalfAsync(customer, agent);
            await SecondHalfAsync(customer, id);
            return id;
        }));

        foreach (var conversation in conversations)
        {
            var expected = await ExpectedAsync(endpoint, conversation);
            await UntilDeliveredAsync(receiver, expected.Select(e => e.Id));
            ShouldHaveReceivedInOrder(receiver, expected, conversation);
        }
    }

    private async Task<IReadOnlyList<(Guid Id, string Type)>> ExpectedAsync(string endpoint, string conversation)
    {
        await using var store = Store(embedded: false);
        using var events = new ConversationEventStore(store, new RecentEvents());
        return await WebhookScenario.ExpectedAsync(events, endpoint, conversation);
    }
}

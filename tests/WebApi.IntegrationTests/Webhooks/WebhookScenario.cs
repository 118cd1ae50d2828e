using System.Net;
using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Application.Webhooks;
using ChatClean.Domain.Conversations;
using ChatClean.Infrastructure.Webhooks;

namespace ChatClean.WebApi.IntegrationTests.Webhooks;

/// <summary>The conversation the webhook tests script, and what the event log says must be delivered.</summary>
public static class WebhookScenario
{
    public static async Task<string> RegisterAsync(HttpClient admin, string url, IReadOnlyList<string>? types = null)
    {
        var created = await (await admin.PostJsonAsync("/api/v1/admin/webhooks", new { url, secret = WebhookReceiver.Secret, eventTypes = types ?? WebhookEventTypes.All }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);
        created["secret"].ShouldBeNull("the secret is write-only");
        return created.Str("id");
    }

    /// <summary>Start, message, human request, takeover, release: the first half, up to the agent letting go.</summary>
    public static async Task<string> FirstHalfAsync(HttpClient customer, HttpClient agent)
    {
        var id = (await (await customer.PostJsonAsync("/api/v1/conversations", new { subject = "webhooks" })).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");
        await (await customer.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "my parcel is late" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await (await customer.PostAsync($"/api/v1/conversations/{id}/human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await agent.PostAsync($"/api/v1/conversations/{id}/takeover")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await agent.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "let me look" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await (await agent.PostAsync($"/api/v1/conversations/{id}/release")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        return id;
    }

    /// <summary>Close and feedback.</summary>
    public static async Task SecondHalfAsync(HttpClient customer, string id)
    {
        await (await customer.PostAsync($"/api/v1/conversations/{id}/close")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await customer.PostJsonAsync($"/api/v1/conversations/{id}/feedback", new { rating = 4, comment = "fine" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    /// <summary>The delivery ids the endpoint must receive for the conversation, in the log's order.</summary>
    public static async Task<IReadOnlyList<(Guid Id, string Type)>> ExpectedAsync(IEventStore store, string endpoint, string conversation)
    {
        var expected = new List<(Guid, string)>();
        await foreach (var stored in store.ReadStreamToEndAsync(new ConversationId(Guid.Parse(conversation)).StreamName, 1, CancellationToken.None))
        {
            if (WebhookEventTypes.Of(stored.Event) is { } type)
            {
                expected.Add((WebhookDeliveryId.For(Guid.Parse(endpoint), stored.EventId), type));
            }
        }

        return expected;
    }

    /// <summary>Waits until the receiver has a success for every expected delivery, or the time is up.</summary>
    public static async Task UntilDeliveredAsync(WebhookReceiver receiver, IEnumerable<Guid> expected, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        var wanted = expected.ToHashSet();
        while (!wanted.IsSubsetOf(receiver.Successes) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
    }

    /// <summary>Every request signed; the successes exactly the expected ids, each once, in the log's order; no request ahead of its turn.</summary>
    public static void ShouldHaveReceivedInOrder(WebhookReceiver receiver, IReadOnlyList<(Guid Id, string Type)> expected, string conversation)
    {
        var requests = receiver.Requests.Where(r => r.ConversationId == Guid.Parse(conversation)).ToArray();
        requests.ShouldAllBe(r => r.SignatureValid);
        var successes = requests.Where(r => r.Succeeded).Select(r => r.Id).ToArray();
        successes.ShouldBe(expected.Select(e => e.Id).ToArray(), "each transition delivered once, in order");
        requests.Where(r => r.Succeeded).Select(r => r.Type).ShouldBe(expected.Select(e => e.Type).ToArray());
        var delivered = new HashSet<Guid>();
        var order = expected.Select(e => e.Id).ToList();
        foreach (var request in requests.OrderBy(r => r.At))
        {
            var index = order.IndexOf(request.Id);
            index.ShouldBeGreaterThanOrEqualTo(0);
            order.Take(index).ShouldAllBe(previous => delivered.Contains(previous), $"{request.Type} was sent before an earlier delivery succeeded");
            if (request.Succeeded)
            {
                delivered.Add(request.Id);
            }
        }
    }
}

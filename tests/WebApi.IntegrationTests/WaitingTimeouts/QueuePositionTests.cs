using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatClean.WebApi.IntegrationTests.Realtime;
using static ChatClean.WebApi.IntegrationTests.TestConversations;
using static ChatClean.WebApi.IntegrationTests.WaitingTimeouts.WaitingTimeoutApi;

namespace ChatClean.WebApi.IntegrationTests.WaitingTimeouts;

/// <summary>Waiting customers are told their place in the queue, live and over REST.</summary>
[Collection(nameof(WaitingTimeoutHost))]
public sealed class QueuePositionTests(WaitingTimeoutApi api)
{
    private Uri Server => api.Anonymous().BaseAddress!;

    [Fact]
    public async Task Waiting_customers_are_told_their_place_and_it_moves_with_the_queue()
    {
        using var admin = await api.AdminAsync();
        using var agent = await api.CreateStaffAsync("agent");
        using var first = await api.RegisterCustomerAsync();
        using var second = await api.RegisterCustomerAsync();
        var firstId = await StartAsync(first);
        var secondId = await StartAsync(second);
        await using var secondWs = await WsClient.ConnectAsync(Server, second.AccessToken);

        // Requests made by an admin through the API wait 30 s: the queue holds still while the test looks at it.
        await (await admin.Http.PostAsync($"/api/v1/conversations/{firstId}/human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await admin.Http.PostAsync($"/api/v1/conversations/{secondId}/human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var behind = await secondWs.ExpectAsync(f => f.Type() == "queue.position" && f.Text("conversationId") == secondId, "the customer's place");
        behind["position"]!.GetValue<int>().ShouldBe(2);
        behind["queueLength"]!.GetValue<int>().ShouldBe(2);
        behind["expectedWaitSeconds"]!.GetValue<double>().ShouldBeInRange(0, ApiWait.TotalSeconds);

        await (await agent.Http.PostAsync($"/api/v1/conversations/{firstId}/takeover")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var moved = await secondWs.ExpectAsync(
            f => f.Type() == "queue.position" && f.Text("conversationId") == secondId && f["position"]!.GetValue<int>() == 1, "one place up");
        moved["queueLength"]!.GetValue<int>().ShouldBe(1);

        var status = await second.Http.GetFromJsonAsync<JsonObject>($"/api/v1/conversations/{secondId}/queue");
        status!["queue"]!["position"]!.GetValue<int>().ShouldBe(1);
        (await first.Http.GetFromJsonAsync<JsonObject>($"/api/v1/conversations/{firstId}/queue"))!["waiting"]!.GetValue<bool>().ShouldBeFalse();
        await (await first.Http.GetAsync($"/api/v1/conversations/{secondId}/queue")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "conversation.not_found");

        await (await admin.Http.PostAsync($"/api/v1/conversations/{secondId}/close")).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }
}

using System.Net;
using System.Net.Http.Json;
using ChatClean.TestSupport;
using ChatClean.WebApi.IntegrationTests.Realtime;

namespace ChatClean.WebApi.IntegrationTests.Restarts;

/// <summary>AI replies across process deaths: what no node answered while none ran is answered at start-up.</summary>
[Collection(nameof(RedisRestart))]
public sealed class AiReplyRestartTests : ServiceNodeTests
{
    [Fact]
    public async Task A_customer_message_left_unanswered_while_no_node_answered_is_answered_at_start_up()
    {
        var node = await StartAsync(embedded: true, ai: false);
        var (customer, _) = await UsersAsync(node);
        string id;
        using (var client = Client(node, customer))
        {
            id = (await (await client.PostAsync("/api/v1/conversations")).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");
            await (await client.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "Is anybody there?" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        }

        Kill(node);
        node = await StartAsync(embedded: true, ai: true);
        using var again = Client(node, customer);
        var messages = await Eventually.ReturnsAsync(
            async () => (await again.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/v1/conversations/{id}/messages"))!["messages"]!.AsArray(),
            m => m.Count >= 2,
            TimeSpan.FromSeconds(30),
            "the answer after the restart");
        messages.Select(m => m!.Str("sender")).ShouldBe(["customer", "ai"]);
    }
}

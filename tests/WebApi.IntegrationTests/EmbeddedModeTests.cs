using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatClean.TestSupport;

namespace ChatClean.WebApi.IntegrationTests;

/// <summary>The embedded default (SQLite file, no server) serves the same flow as MariaDB.</summary>
public sealed class EmbeddedModeTests(EmbeddedApiFactory api) : IClassFixture<EmbeddedApiFactory>
{
    [Fact]
    public async Task A_conversation_runs_from_start_to_close_on_SQLite()
    {
        using var customer = await api.RegisterCustomerAsync();
        using var agent = await api.CreateStaffAsync("agent");

        var id = (await (await customer.Http.PostJsonAsync("/api/v1/conversations", new { subject = "embedded" })).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");
        await (await customer.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "hi", clientMessageId = "1" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await Eventually.ReturnsAsync(
            async () => await agent.Http.GetFromJsonAsync<JsonArray>("/api/v1/agent/queue"), q => q!.Any(e => e!.Str("conversationId") == id));
        await (await agent.Http.PostAsync($"/api/v1/conversations/{id}/takeover")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await agent.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "hello from an agent" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        var closed = await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/close")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        closed.Str("mode").ShouldBe("closed");
        closed.Number("version").ShouldBe(6);
        var messages = (await customer.Http.GetFromJsonAsync<JsonObject>($"/api/v1/conversations/{id}/messages"))!["messages"]!.AsArray();
        messages.Select(m => m!.Str("sender")).ShouldBe(["customer", "agent"]);
        (await api.Anonymous().GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Two_agents_racing_for_one_conversation_on_SQLite_give_one_winner()
    {
        using var customer = await api.RegisterCustomerAsync();
        using var agentA = await api.CreateStaffAsync("agent");
        using var agentB = await api.CreateStaffAsync("agent");
        var id = (await (await customer.Http.PostJsonAsync("/api/v1/conversations", new { })).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");

        var responses = await Task.WhenAll(agentA.Http.PostAsync($"/api/v1/conversations/{id}/takeover"), agentB.Http.PostAsync($"/api/v1/conversations/{id}/takeover"));

        responses.Select(r => r.StatusCode).ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict], ignoreOrder: true);
    }
}

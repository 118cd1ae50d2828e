using System.Net;
using static ChatClean.WebApi.IntegrationTests.TestConversations;

namespace ChatClean.WebApi.IntegrationTests.Conversations;

/// <summary>What the conversation API refuses, and how: illegal transitions, unknown or foreign conversations, roles, invalid fields.</summary>
[Collection(nameof(ConversationHost))]
public sealed class ConversationRefusalTests(ChatCleanApiFactory api)
{
    [Fact]
    public async Task Illegal_transitions_are_409_problems_with_a_stable_code()
    {
        using var customer = await api.RegisterCustomerAsync();
        using var agent = await api.CreateStaffAsync("agent");
        var id = await StartAsync(customer);

        await (await customer.Http.PostJsonAsync($"/api/v1/conversations/{id}/feedback", new { rating = 4 }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "conversation.not_closed");
        await (await agent.Http.PostAsync($"/api/v1/conversations/{id}/takeover")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/cancel-human-request"))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "conversation.not_waiting");
        await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/close")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await customer.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "hello?" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "conversation.closed");
        await (await agent.Http.PostAsync($"/api/v1/conversations/{id}/takeover"))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "conversation.closed");
    }

    [Fact]
    public async Task Unknown_and_foreign_conversations_are_not_found()
    {
        using var owner = await api.RegisterCustomerAsync();
        using var stranger = await api.RegisterCustomerAsync();
        var id = await StartAsync(owner);
        var unknown = Guid.NewGuid();

        await (await owner.Http.GetAsync($"/api/v1/conversations/{unknown}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "conversation.not_found");
        await (await owner.Http.PostJsonAsync($"/api/v1/conversations/{unknown}/messages", new { body = "hi" }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "conversation.not_found");
        await (await stranger.Http.GetAsync($"/api/v1/conversations/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "conversation.not_found");
        await (await stranger.Http.GetAsync($"/api/v1/conversations/{id}/messages")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "conversation.not_found");
        await (await stranger.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "hijack" }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "conversation.not_found");
        await (await stranger.Http.PostAsync($"/api/v1/conversations/{id}/close")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "conversation.not_found");
    }

    [Fact]
    public async Task Roles_are_enforced_on_conversation_endpoints()
    {
        using var customer = await api.RegisterCustomerAsync();
        using var agent = await api.CreateStaffAsync("agent");
        var id = await StartAsync(customer);

        await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/takeover")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await customer.Http.GetAsync("/api/v1/agent/queue")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await agent.Http.PostJsonAsync("/api/v1/conversations", new { subject = "x" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await api.Anonymous().PostJsonAsync("/api/v1/conversations", new { subject = "x" }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Fact]
    public async Task Invalid_command_fields_are_validation_problems()
    {
        using var customer = await api.RegisterCustomerAsync();
        using var agent = await api.CreateStaffAsync("agent");
        var id = await StartAsync(customer);

        var missing = await (await customer.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { clientMessageId = "x" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        missing["errors"]!["body"].ShouldNotBeNull();
        await (await customer.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = new string('x', 4001) }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        await (await customer.Http.GetAsync($"/api/v1/conversations/{id}/messages?limit=0")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        await (await agent.Http.PostJsonAsync($"/api/v1/conversations/{id}/transfer", new { })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        await (await agent.Http.PostAsync($"/api/v1/conversations/{id}/takeover")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await agent.Http.PostJsonAsync($"/api/v1/conversations/{id}/transfer", new { toAgentId = customer.Id }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "user.not_an_agent");
    }
}

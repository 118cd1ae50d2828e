using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatClean.TestSupport;
using static ChatClean.WebApi.IntegrationTests.TestConversations;

namespace ChatClean.WebApi.IntegrationTests.Conversations;

/// <summary>Conversations end to end over real HTTP against MariaDB: the whole way through, handoffs, races and repeats.</summary>
[Collection(nameof(ConversationHost))]
public sealed class ConversationFlowTests(ChatCleanApiFactory api)
{
    [Fact]
    public async Task A_customer_and_an_agent_go_through_a_whole_conversation()
    {
        using var customer = await api.RegisterCustomerAsync();
        using var agent = await api.CreateStaffAsync("agent");

        var started = await (await customer.Http.PostJsonAsync("/api/v1/conversations", new { subject = "My order is late" }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);
        var id = started.Str("id");
        started.Str("mode").ShouldBe("ai");
        started.Number("version").ShouldBe(1);

        var first = await (await customer.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "Where is order 42?", clientMessageId = "m-1" }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);
        first["message"]!.Number("seq").ShouldBe(2);
        first.Number("version").ShouldBe(2);

        var waiting = await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        waiting.Str("mode").ShouldBe("waiting");
        waiting.Number("version").ShouldBe(3);

        var queue = await Eventually.ReturnsAsync(
            async () => await agent.Http.GetFromJsonAsync<JsonArray>("/api/v1/agent/queue"),
            q => q!.Any(e => e!.Str("conversationId") == id),
            what: "the conversation in the agents' queue");
        var entry = queue!.Single(e => e!.Str("conversationId") == id)!;
        entry.Str("reason").ShouldBe("customer_asked");
        entry["position"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(1);

        var taken = await (await agent.Http.PostAsync($"/api/v1/conversations/{id}/takeover")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        taken.Str("mode").ShouldBe("human");
        taken.Str("agentId").ShouldBe(agent.Id.ToString());
        taken["changed"]!.GetValue<bool>().ShouldBeTrue();

        await (await agent.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "It ships today.", clientMessageId = "a-1" }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);

        var messages = (await customer.Http.GetFromJsonAsync<JsonObject>($"/api/v1/conversations/{id}/messages?afterSeq=0"))!;
        var list = messages["messages"]!.AsArray();
        list.Select(m => m!.Str("sender")).ShouldBe(["customer", "agent"]);
        list.Select(m => m!.Str("body")).ShouldBe(["Where is order 42?", "It ships today."]);
        list[1]!.Str("senderId").ShouldBe(agent.Id.ToString());

        var closed = await (await agent.Http.PostAsync($"/api/v1/conversations/{id}/close")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        closed.Str("mode").ShouldBe("closed");

        var rated = await (await customer.Http.PostJsonAsync($"/api/v1/conversations/{id}/feedback", new { rating = 5, comment = "quick" }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        rated.Number("version").ShouldBe(closed.Number("version") + 1);

        var view = (await customer.Http.GetFromJsonAsync<JsonObject>($"/api/v1/conversations/{id}"))!;
        view.Str("mode").ShouldBe("closed");
        view.Number("version").ShouldBe(rated.Number("version"));
        view["messageCount"]!.GetValue<int>().ShouldBe(2);
        view["feedbackRating"]!.GetValue<int>().ShouldBe(5);
        view["closedAt"].ShouldNotBeNull();

        var mine = await Eventually.ReturnsAsync(
            async () => await customer.Http.GetFromJsonAsync<JsonArray>("/api/v1/conversations"),
            l => l!.Any(c => c!.Str("id") == id && c!.Str("mode") == "closed"),
            what: "the closed conversation in the customer's list");
        mine!.ShouldAllBe(c => c!["customerId"]!.GetValue<string>() == customer.Id.ToString());
    }

    [Fact]
    public async Task Two_agents_taking_over_at_the_same_moment_give_exactly_one_takeover_and_one_409()
    {
        using var customer = await api.RegisterCustomerAsync();
        using var agentA = await api.CreateStaffAsync("agent");
        using var agentB = await api.CreateStaffAsync("agent");

        for (var round = 0; round < 10; round++)
        {
            var id = await StartAsync(customer);
            await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);

            var responses = await Task.WhenAll(
                agentA.Http.PostAsync($"/api/v1/conversations/{id}/takeover"),
                agentB.Http.PostAsync($"/api/v1/conversations/{id}/takeover"));

            responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
            var loser = responses.Single(r => r.StatusCode != HttpStatusCode.OK);
            await loser.ShouldBeProblemAsync(HttpStatusCode.Conflict, "conversation.already_taken");
            var takeovers = await api.Database.ScalarAsync<long>(
                $"SELECT COUNT(*) FROM es_events WHERE stream_id = 'Conversation-{Guid.Parse(id):N}' AND event_type = 'AgentTookOver.v1'");
            takeovers.ShouldBe(1);
        }

        using var admin = await api.AdminAsync();
        var verdict = await (await admin.Http.PostAsync("/api/v1/admin/audit/verify")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        verdict["intact"]!.GetValue<bool>().ShouldBeTrue();
        verdict.Number("eventsChecked").ShouldBe(await api.Database.ScalarAsync<long>("SELECT MAX(position) FROM es_events"));
        await (await customer.Http.PostAsync("/api/v1/admin/audit/verify")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
    }

    [Fact]
    public async Task Releasing_hands_back_to_the_ai_and_transfer_moves_the_session_to_another_agent()
    {
        using var customer = await api.RegisterCustomerAsync();
        using var agentA = await api.CreateStaffAsync("agent");
        using var agentB = await api.CreateStaffAsync("agent");
        var id = await StartAsync(customer);

        await (await agentA.Http.PostAsync($"/api/v1/conversations/{id}/takeover")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var transferred = await (await agentA.Http.PostJsonAsync($"/api/v1/conversations/{id}/transfer", new { toAgentId = agentB.Id }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        transferred.Str("agentId").ShouldBe(agentB.Id.ToString());

        await (await agentA.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "still me?" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "conversation.not_assigned_agent");
        var released = await (await agentB.Http.PostAsync($"/api/v1/conversations/{id}/release")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        released.Str("mode").ShouldBe("ai");
        released["agentId"].ShouldBeNull();
    }

    [Fact]
    public async Task Cancelling_the_request_takes_the_conversation_out_of_the_queue()
    {
        using var customer = await api.RegisterCustomerAsync();
        using var agent = await api.CreateStaffAsync("agent");
        var id = await StartAsync(customer);
        await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await Eventually.ReturnsAsync(
            async () => await agent.Http.GetFromJsonAsync<JsonArray>("/api/v1/agent/queue"), q => q!.Any(e => e!.Str("conversationId") == id));

        var cancelled = await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/cancel-human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        cancelled.Str("mode").ShouldBe("ai");
        await Eventually.ReturnsAsync(
            async () => await agent.Http.GetFromJsonAsync<JsonArray>("/api/v1/agent/queue"), q => q!.All(e => e!.Str("conversationId") != id),
            what: "the conversation to leave the queue");
    }

    [Fact]
    public async Task Repeating_a_change_that_is_already_done_answers_ok_without_a_new_version()
    {
        using var customer = await api.RegisterCustomerAsync();
        var id = await StartAsync(customer);
        var first = await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var again = await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        again["changed"]!.GetValue<bool>().ShouldBeFalse();
        again.Number("version").ShouldBe(first.Number("version"));
    }

    [Fact]
    public async Task A_client_chosen_conversation_id_makes_a_retried_start_return_the_same_conversation()
    {
        using var customer = await api.RegisterCustomerAsync();
        using var other = await api.RegisterCustomerAsync();
        var id = Guid.NewGuid();

        var first = await (await customer.Http.PostJsonAsync("/api/v1/conversations", new { conversationId = id })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        var retry = await (await customer.Http.PostJsonAsync("/api/v1/conversations", new { conversationId = id })).ShouldHaveStatusAsync(HttpStatusCode.Created);

        retry.Number("version").ShouldBe(first.Number("version"));
        await (await other.Http.PostJsonAsync("/api/v1/conversations", new { conversationId = id }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "conversation.already_exists");
    }
}

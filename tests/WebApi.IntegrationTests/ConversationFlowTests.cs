using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatClean.TestSupport;

namespace ChatClean.WebApi.IntegrationTests;

/// <summary>Conversations end to end over real HTTP against MariaDB.</summary>
public sealed class ConversationFlowTests(ChatCleanApiFactory api) : IClassFixture<ChatCleanApiFactory>
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
    public async Task A_retried_send_with_the_same_client_message_id_returns_the_original_and_posts_nothing()
    {
        using var customer = await api.RegisterCustomerAsync();
        var id = await StartAsync(customer);

        var first = await (await customer.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "hello", clientMessageId = "retry-1" }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);
        var retries = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            customer.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "hello", clientMessageId = "retry-1" })));

        foreach (var retry in retries)
        {
            var body = await retry.ShouldHaveStatusAsync(HttpStatusCode.OK);
            body["duplicate"]!.GetValue<bool>().ShouldBeTrue();
            body["message"]!.Number("seq").ShouldBe(first["message"]!.Number("seq"));
            body["message"]!.Str("messageId").ShouldBe(first["message"]!.Str("messageId"));
        }

        var messages = (await customer.Http.GetFromJsonAsync<JsonObject>($"/api/v1/conversations/{id}/messages"))!["messages"]!.AsArray();
        messages.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Concurrent_sends_of_one_client_message_id_post_it_exactly_once()
    {
        using var customer = await api.RegisterCustomerAsync();
        var id = await StartAsync(customer);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            customer.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "once", clientMessageId = "race-1" })));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(7);
        var messages = (await customer.Http.GetFromJsonAsync<JsonObject>($"/api/v1/conversations/{id}/messages"))!["messages"]!.AsArray();
        messages.Count.ShouldBe(1);
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
    public async Task Messages_are_read_after_a_seq_in_order_and_in_pages()
    {
        using var customer = await api.RegisterCustomerAsync();
        var id = await StartAsync(customer);
        for (var i = 1; i <= 5; i++)
        {
            await (await customer.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = $"m{i}", clientMessageId = $"c{i}" }))
                .ShouldHaveStatusAsync(HttpStatusCode.Created);
        }

        var page = (await customer.Http.GetFromJsonAsync<JsonObject>($"/api/v1/conversations/{id}/messages?afterSeq=3&limit=2"))!;

        page["messages"]!.AsArray().Select(m => m!.Number("seq")).ShouldBe([4, 5]);
        page["messages"]!.AsArray().Select(m => m!.Str("body")).ShouldBe(["m3", "m4"]);
        page["hasMore"]!.GetValue<bool>().ShouldBeTrue();
        var rest = (await customer.Http.GetFromJsonAsync<JsonObject>($"/api/v1/conversations/{id}/messages?afterSeq=5"))!;
        rest["messages"]!.AsArray().Select(m => m!.Str("body")).ShouldBe(["m5"]);
        rest["hasMore"]!.GetValue<bool>().ShouldBeFalse();
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

    [Fact]
    public async Task Text_is_stored_and_returned_verbatim()
    {
        using var customer = await api.RegisterCustomerAsync();
        var id = await StartAsync(customer);
        const string Tricky = "'; DROP TABLE es_events; -- <script>alert(1)</script> 你好 \"quoted\" 🎉";

        await (await customer.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = Tricky })).ShouldHaveStatusAsync(HttpStatusCode.Created);

        var messages = (await customer.Http.GetFromJsonAsync<JsonObject>($"/api/v1/conversations/{id}/messages"))!["messages"]!.AsArray();
        messages.Single()!.Str("body").ShouldBe(Tricky);
    }

    private static async Task<string> StartAsync(TestUser customer)
    {
        var started = await (await customer.Http.PostJsonAsync("/api/v1/conversations", new { subject = "help" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        return started.Str("id");
    }
}

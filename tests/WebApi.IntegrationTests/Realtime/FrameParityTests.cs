using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static ChatClean.WebApi.IntegrationTests.TestConversations;

namespace ChatClean.WebApi.IntegrationTests.Realtime;

/// <summary>
/// The frames that stand for the same commands as REST (conversation.start, human.cancel, conversation.transfer,
/// conversation.feedback, message.send with and without a clientMessageId): the acks carry the REST answer's fields,
/// the conversation's frames follow, and REST reads what the frames wrote.
/// </summary>
[Collection(nameof(WebSocketHost))]
public sealed class FrameParityTests(ChatCleanApiFactory api)
{
    private Uri Server => api.Anonymous().BaseAddress!;

    [Fact]
    public async Task A_customer_starts_a_conversation_over_the_socket_and_follows_it_from_its_first_event()
    {
        using var customer = await api.RegisterCustomerAsync();
        await using var ws = await WsClient.ConnectAsync(Server, customer.AccessToken);
        var chosen = Guid.NewGuid().ToString();

        await ws.SendAsync(new { type = "conversation.start", conversationId = chosen, subject = "Parcel lost", @ref = "s-1" });

        var ack = await AckAsync(ws, "s-1");
        ack.Text("conversationId").ShouldBe(chosen);
        ack.Number("version").ShouldBe(1);
        ack.Text("mode").ShouldBe("ai");
        var started = await StateAsync(ws, chosen, seq: 1);
        started.Text("event").ShouldBe("ConversationStarted");
        started.Text("mode").ShouldBe("ai");

        var view = await (await customer.Http.GetAsync($"/api/v1/conversations/{chosen}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        view.Str("customerId").ShouldBe(customer.Id.ToString());
        view.Str("subject").ShouldBe("Parcel lost");
        view.Number("version").ShouldBe(1);

        // Following it: a message posted elsewhere reaches this connection, and the start's frame came exactly once.
        await (await customer.Http.PostJsonAsync($"/api/v1/conversations/{chosen}/messages", new { body = "from REST" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        (await ws.ExpectAsync(f => f.Type() == "message" && f.Text("conversationId") == chosen, "the message posted over REST")).Seq().ShouldBe(2);
        ws.Received.Count(f => f.Type() == "conversation.state" && f.Text("conversationId") == chosen).ShouldBe(0);
    }

    [Fact]
    public async Task Cancelling_a_human_request_over_the_socket_returns_the_conversation_to_the_ai()
    {
        using var customer = await api.RegisterCustomerAsync();
        var id = await StartAsync(customer);
        await using var ws = await FollowingAsync(customer, id);

        await ws.SendAsync(new { type = "human.request", conversationId = id, @ref = "h-1" });
        (await AckAsync(ws, "h-1")).Text("mode").ShouldBe("waiting");
        (await StateAsync(ws, id, seq: 2)).Text("mode").ShouldBe("waiting");
        await ws.SendAsync(new { type = "human.cancel", conversationId = id, @ref = "c-1" });

        var ack = await AckAsync(ws, "c-1");
        ack.Text("conversationId").ShouldBe(id);
        ack.Number("version").ShouldBe(3);
        ack.Text("mode").ShouldBe("ai");
        ack["changed"]!.GetValue<bool>().ShouldBeTrue();
        ack["agentId"].ShouldBeNull();
        var state = await StateAsync(ws, id, seq: 3);
        state.Text("event").ShouldBe("HumanRequestCancelled");
        state.Text("mode").ShouldBe("ai");

        // A repeat answers the same on both transports: nothing changed, the same version.
        await ws.SendAsync(new { type = "human.cancel", conversationId = id, @ref = "c-2" });
        var repeated = await AckAsync(ws, "c-2");
        var rest = await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/cancel-human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        rest["changed"]!.GetValue<bool>().ShouldBeFalse();
        ShouldCarryTheRestAnswer(repeated, rest);
    }

    [Fact]
    public async Task An_agent_transfers_over_the_socket_and_the_other_agents_connection_follows_from_then_on()
    {
        using var customer = await api.RegisterCustomerAsync();
        using var agentA = await api.CreateStaffAsync("agent");
        using var agentB = await api.CreateStaffAsync("agent");
        var id = await StartAsync(customer);
        await using var wsA = await WsClient.ConnectAsync(Server, agentA.AccessToken);
        await using var wsB = await WsClient.ConnectAsync(Server, agentB.AccessToken);
        await wsA.SendAsync(new { type = "conversation.takeover", conversationId = id, @ref = "t-1" });
        (await AckAsync(wsA, "t-1")).Text("agentId").ShouldBe(agentA.Id.ToString());

        await wsA.SendAsync(new { type = "conversation.transfer", conversationId = id, toAgentId = agentB.Id, @ref = "x-1" });

        var ack = await AckAsync(wsA, "x-1");
        ack.Text("conversationId").ShouldBe(id);
        ack.Number("version").ShouldBe(3);
        ack.Text("mode").ShouldBe("human");
        ack.Text("agentId").ShouldBe(agentB.Id.ToString());
        ack["changed"]!.GetValue<bool>().ShouldBeTrue();
        var transferred = await StateAsync(wsB, id, seq: 3);
        transferred.Text("event").ShouldBe("AgentTransferred");
        transferred.Text("agentId").ShouldBe(agentB.Id.ToString());
        transferred["detail"]!.Str("fromAgentId").ShouldBe(agentA.Id.ToString());

        await (await customer.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "are you there?" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        var message = await wsB.ExpectAsync(f => f.Type() == "message" && f.Text("conversationId") == id, "the customer's message after the transfer");
        message.Seq().ShouldBe(4);
        message.Text("body").ShouldBe("are you there?");
        wsB.Received.ShouldNotContain(f => f.Text("conversationId") == id && (f.Type() == "message" || f.Type() == "conversation.state"), "nothing from before the transfer");
    }

    [Fact]
    public async Task After_the_close_the_customer_rates_the_conversation_over_the_socket_and_REST_shows_the_rating()
    {
        using var customer = await api.RegisterCustomerAsync();
        var id = await StartAsync(customer);
        await using var ws = await WsClient.ConnectAsync(Server, customer.AccessToken);
        await ws.SendAsync(new { type = "conversation.close", conversationId = id, @ref = "x-1" });
        var closed = await AckAsync(ws, "x-1");
        closed.Text("mode").ShouldBe("closed");

        await ws.SendAsync(new { type = "conversation.feedback", conversationId = id, rating = 4, comment = "quick enough", @ref = "f-1" });

        var ack = await AckAsync(ws, "f-1");
        ack.Text("conversationId").ShouldBe(id);
        ack.Number("version").ShouldBe(closed.Number("version") + 1);
        ack.Text("mode").ShouldBe("closed");
        ack["changed"]!.GetValue<bool>().ShouldBeTrue();
        var view = (await customer.Http.GetFromJsonAsync<JsonObject>($"/api/v1/conversations/{id}"))!;
        view["feedbackRating"]!.GetValue<int>().ShouldBe(4);
        view.Number("version").ShouldBe(ack.Number("version"));
    }

    [Fact]
    public async Task A_message_send_without_a_client_message_id_is_acked_under_the_frames_ref()
    {
        using var customer = await api.RegisterCustomerAsync();
        var id = await StartAsync(customer);
        await using var ws = await WsClient.ConnectAsync(Server, customer.AccessToken);

        await ws.SendAsync(new { type = "message.send", conversationId = id, body = "no id of my own", @ref = "m-1" });

        var ack = await AckAsync(ws, "m-1");
        ack.Text("conversationId").ShouldBe(id);
        ack.Seq().ShouldBe(2);
        ack.Number("version").ShouldBe(2);
        ack["duplicate"]!.GetValue<bool>().ShouldBeFalse();
        var message = await ws.ExpectAsync(f => f.Type() == "message" && f.Text("conversationId") == id, "the message itself");
        message.Seq().ShouldBe(2);
        message.Text("body").ShouldBe("no id of my own");
        message["clientMessageId"].ShouldBeNull();

        // Without an id a second send is a new message, as over REST.
        await ws.SendAsync(new { type = "message.send", conversationId = id, body = "no id of my own", @ref = "m-2" });
        (await AckAsync(ws, "m-2")).Seq().ShouldBe(3);
        var messages = (await customer.Http.GetFromJsonAsync<JsonObject>($"/api/v1/conversations/{id}/messages"))!["messages"]!.AsArray();
        messages.Select(m => m!.Number("seq")).ShouldBe([2, 3]);
    }

    [Fact]
    public async Task A_message_send_repeating_a_client_message_id_is_acked_as_a_duplicate_with_the_same_seq_like_REST()
    {
        using var customer = await api.RegisterCustomerAsync();
        var id = await StartAsync(customer);
        await using var ws = await WsClient.ConnectAsync(Server, customer.AccessToken);
        await ws.SendAsync(new { type = "message.send", conversationId = id, clientMessageId = "dup-1", body = "only once" });
        var first = await AckAsync(ws, "dup-1");
        first["duplicate"]!.GetValue<bool>().ShouldBeFalse();
        (await ws.ExpectAsync(f => f.Type() == "message" && f.Text("conversationId") == id, "the message itself")).Seq().ShouldBe(first.Seq());

        await ws.SendAsync(new { type = "message.send", conversationId = id, clientMessageId = "dup-1", body = "only once" });

        var again = await AckAsync(ws, "dup-1");
        again["duplicate"]!.GetValue<bool>().ShouldBeTrue();
        again.Seq().ShouldBe(first.Seq());
        again.Number("version").ShouldBe(first.Number("version"));
        again.Text("conversationId").ShouldBe(id);
        var rest = await (await customer.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "only once", clientMessageId = "dup-1" }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        rest["duplicate"]!.GetValue<bool>().ShouldBeTrue();
        rest["message"]!.Number("seq").ShouldBe(again.Seq());
        rest.Number("version").ShouldBe(again.Number("version"));
        (await customer.Http.GetFromJsonAsync<JsonObject>($"/api/v1/conversations/{id}/messages"))!["messages"]!.AsArray().Count.ShouldBe(1);
    }

    /// <summary>The answer to the frame sent with <paramref name="reference"/>, which must be an ack (an error frame fails the test with its code).</summary>
    private static async Task<JsonObject> AckAsync(WsClient ws, string reference)
    {
        var answer = await ws.ExpectAsync(f => f.Type() is "ack" or "error" && f.Text("ref") == reference, $"answering {reference}");
        answer.Type().ShouldBe("ack", answer.ToJsonString());
        return answer;
    }

    private static Task<JsonObject> StateAsync(WsClient ws, string id, long seq) =>
        ws.ExpectAsync(f => f.Type() == "conversation.state" && f.Text("conversationId") == id && f.Seq() == seq, $"the state at seq {seq}");

    /// <summary>A connection of <paramref name="user"/> that follows the conversation from its start.</summary>
    private async Task<WsClient> FollowingAsync(TestUser user, string id)
    {
        var ws = await WsClient.ConnectAsync(Server, user.AccessToken);
        await ws.SendAsync(new { type = "resume", conversationId = id });
        await ws.ExpectAsync(f => f.Type() == "resumed" && f.Text("conversationId") == id, "the end of the resume");
        return ws;
    }

    /// <summary>A state change's ack carries the fields of the REST answer to the same command.</summary>
    private static void ShouldCarryTheRestAnswer(JsonObject ack, JsonNode rest)
    {
        foreach (var field in new[] { "conversationId", "version", "mode", "agentId", "changed" })
        {
            (ack[field]?.ToJsonString()).ShouldBe(rest[field]?.ToJsonString(), $"field {field}");
        }
    }
}

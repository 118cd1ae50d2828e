using System.Net;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using ChatClean.Application.Conversations;
using ChatClean.Domain.Conversations;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace ChatClean.WebApi.IntegrationTests.Realtime;

/// <summary>The WebSocket gateway over real sockets (Kestrel on 127.0.0.1), MariaDB and Redis.</summary>
public sealed class WebSocketTests(ChatCleanApiFactory api) : IClassFixture<ChatCleanApiFactory>
{
    private Uri Server => api.Anonymous().BaseAddress!;

    [Fact]
    public async Task An_upgrade_without_a_valid_token_is_refused_with_401()
    {
        (await WsClient.RefusedStatusAsync(Server, null)).ShouldBe(HttpStatusCode.Unauthorized);
        (await WsClient.RefusedStatusAsync(Server, "not-a-token")).ShouldBe(HttpStatusCode.Unauthorized);
        var response = await api.Anonymous().GetAsync("/ws");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_customer_and_an_agent_go_through_a_whole_conversation()
    {
        using var customer = await api.RegisterCustomerAsync();
        using var agent = await api.CreateStaffAsync("agent");
        await using var customerWs = await WsClient.ConnectAsync(Server, customer.AccessToken);
        await using var agentWs = await WsClient.ConnectAsync(Server, agent.AccessToken, tokenInQuery: false);
        var id = (await (await customer.Http.PostJsonAsync("/api/v1/conversations", new { subject = "ws" })).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");

        await customerWs.SendAsync(new { type = "message.send", conversationId = id, clientMessageId = "c-1", body = "hello over ws" });
        var ack = await customerWs.ExpectTypeAsync("ack");
        ack.Text("ref").ShouldBe("c-1");
        ack.Seq().ShouldBe(2);
        (await customerWs.ExpectAsync(f => f.Type() == "message" && f.Seq() == 2, "own message")).Text("body").ShouldBe("hello over ws");

        await customerWs.SendAsync(new { type = "human.request", conversationId = id, @ref = "h-1" });
        (await customerWs.ExpectAsync(f => f.Type() == "ack" && f.Text("ref") == "h-1", "ack of the request"))["version"]!.GetValue<long>().ShouldBe(3);
        (await customerWs.ExpectAsync(f => f.Type() == "conversation.state" && f.Seq() == 3, "waiting state")).Text("mode").ShouldBe("waiting");
        var queued = await agentWs.ExpectAsync(f => f.Type() == "queue.updated" && f.Text("conversationId") == id, "queue update");
        queued.Text("change").ShouldBe("added");
        queued.Text("reason").ShouldBe("customer_asked");

        await agentWs.SendAsync(new { type = "conversation.takeover", conversationId = id, @ref = "t-1" });
        await agentWs.ExpectAsync(f => f.Type() == "ack" && f.Text("ref") == "t-1", "takeover ack");
        var human = await customerWs.ExpectAsync(f => f.Type() == "conversation.state" && f.Seq() == 4, "human state");
        human.Text("mode").ShouldBe("human");
        human.Text("agentId").ShouldBe(agent.Id.ToString());
        (await agentWs.ExpectAsync(f => f.Type() == "queue.updated" && f.Text("change") == "removed", "queue removal")).Text("cause").ShouldBe("taken_over");

        await agentWs.SendAsync(new { type = "message.send", conversationId = id, clientMessageId = "a-1", body = "agent here" });
        var fromAgent = await customerWs.ExpectAsync(f => f.Type() == "message" && f.Seq() == 5, "agent message");
        fromAgent["sender"]!["kind"]!.GetValue<string>().ShouldBe("agent");
        fromAgent["sender"]!["id"]!.GetValue<string>().ShouldBe(agent.Id.ToString());

        await customerWs.SendAsync(new { type = "typing", conversationId = id, isTyping = true });
        var typing = await agentWs.ExpectTypeAsync("typing");
        typing.Text("userId").ShouldBe(customer.Id.ToString());
        typing["isTyping"]!.GetValue<bool>().ShouldBeTrue();

        await customerWs.SendAsync(new { type = "message.send", conversationId = id, clientMessageId = "c-2", body = "thanks" });
        (await agentWs.ExpectAsync(f => f.Type() == "message" && f.Seq() == 6, "customer reply")).Text("body").ShouldBe("thanks");

        await agentWs.SendAsync(new { type = "conversation.close", conversationId = id, @ref = "x" });
        (await customerWs.ExpectAsync(f => f.Type() == "conversation.state" && f.Seq() == 7, "closed state")).Text("mode").ShouldBe("closed");
        await customerWs.SendAsync(new { type = "ping", @ref = "p" });
        (await customerWs.ExpectTypeAsync("pong")).Text("ref").ShouldBe("p");
        await customerWs.CloseAsync();
        customerWs.CloseStatus.ShouldBe(WebSocketCloseStatus.NormalClosure);
    }

    [Fact]
    public async Task A_client_that_reconnects_and_resumes_gets_every_missed_frame_once_in_order()
    {
        using var customer = await api.RegisterCustomerAsync();
        using var agent = await api.CreateStaffAsync("agent");
        var id = (await (await customer.Http.PostJsonAsync("/api/v1/conversations", new { })).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");
        await (await agent.Http.PostAsync($"/api/v1/conversations/{id}/takeover")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var first = await WsClient.ConnectAsync(Server, customer.AccessToken);
        await first.SendAsync(new { type = "resume", conversationId = id, afterSeq = 0 });
        var resumed = await first.ExpectTypeAsync("resumed");
        resumed.Seq().ShouldBe(2);
        first.Abort();
        await first.DisposeAsync();

        for (var i = 1; i <= 5; i++)
        {
            await (await agent.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = $"while you were away {i}" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        }

        await using var second = await WsClient.ConnectAsync(Server, customer.AccessToken);
        await second.SendAsync(new { type = "resume", conversationId = id, afterSeq = resumed.Seq() });

        // Live messages keep coming while the resume reads the store: none may be lost, none doubled.
        var sending = Task.Run(async () =>
        {
            for (var i = 6; i <= 10; i++)
            {
                await (await agent.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = $"live {i}" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
            }
        });
        await sending;
        await second.ExpectAsync(f => f.Type() == "message" && f.Seq() == 12, "the last live message");
        await Task.Delay(300);

        var messages = second.Received.Where(f => f.Type() == "message").Select(f => f.Seq()).ToArray();
        messages.ShouldBe(Enumerable.Range(3, 9).Select(s => (long)s).Where(s => s != 12).ToArray(), "every missed and live message exactly once, in seq order (12 was taken above)");
        second.Received.Count(f => f.Type() == "resumed").ShouldBe(1);
    }

    [Fact]
    public async Task Sending_the_same_client_message_id_again_returns_the_original_ack_and_posts_nothing()
    {
        using var customer = await api.RegisterCustomerAsync();
        var id = (await (await customer.Http.PostJsonAsync("/api/v1/conversations", new { })).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");
        await using var ws = await WsClient.ConnectAsync(Server, customer.AccessToken);

        await ws.SendAsync(new { type = "message.send", conversationId = id, clientMessageId = "dup", body = "once" });
        var first = await ws.ExpectTypeAsync("ack");
        await ws.SendAsync(new { type = "message.send", conversationId = id, clientMessageId = "dup", body = "once" });
        var again = await ws.ExpectTypeAsync("ack");

        again.Seq().ShouldBe(first.Seq());
        again["duplicate"]!.GetValue<bool>().ShouldBeTrue();
        await Task.Delay(300);
        ws.Received.Count(f => f.Type() == "message").ShouldBe(1);
    }

    [Fact]
    public async Task An_ai_reply_posted_by_the_service_reaches_the_customer_live()
    {
        using var customer = await api.RegisterCustomerAsync();
        var id = (await (await customer.Http.PostJsonAsync("/api/v1/conversations", new { })).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");
        await using var ws = await WsClient.ConnectAsync(Server, customer.AccessToken);
        await ws.SendAsync(new { type = "resume", conversationId = id });
        await ws.ExpectTypeAsync("resumed");

        await using (var scope = api.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new PostServiceMessageCommand(Guid.Parse(id), SenderKind.Ai, "I can help with that."));
        }

        var reply = await ws.ExpectTypeAsync("message");
        reply["sender"]!["kind"]!.GetValue<string>().ShouldBe("ai");
    }

    [Fact]
    public async Task Garbage_gets_error_frames_with_stable_codes_and_the_connection_stays_usable()
    {
        using var customer = await api.RegisterCustomerAsync();
        using var stranger = await api.RegisterCustomerAsync();
        var id = (await (await customer.Http.PostJsonAsync("/api/v1/conversations", new { })).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");
        await using var ws = await WsClient.ConnectAsync(Server, stranger.AccessToken);

        async Task ExpectError(string code)
        {
            var error = await ws.ExpectTypeAsync("error");
            error.Text("code").ShouldBe(code);
        }

        await ws.SendTextAsync("{not json");
        await ExpectError("frame.malformed_json");
        await ws.SendTextAsync("[1,2]");
        await ExpectError("frame.missing_type");
        await ws.SendAsync(new { type = "dance" });
        await ExpectError("frame.unknown_type");
        await ws.SendAsync(new { type = "message.send", conversationId = id });
        await ExpectError("frame.invalid");
        await ws.SendAsync(new { type = "message.send", conversationId = "nope", clientMessageId = "x", body = "b" });
        await ExpectError("frame.invalid");
        await ws.SendAsync(new { type = "message.send", conversationId = id, clientMessageId = "x", body = "hijack" });
        await ExpectError("conversation.not_found");
        await ws.SendAsync(new { type = "resume", conversationId = id });
        await ExpectError("conversation.not_found");
        await ws.SendAsync(new { type = "typing", conversationId = id });
        await ExpectError("conversation.not_followed");
        await ws.SendAsync(new { type = "conversation.takeover", conversationId = id });
        await ExpectError("auth.forbidden");
        await ws.SendRawAsync([1, 2, 3], WebSocketMessageType.Binary);
        await ExpectError("frame.binary_unsupported");

        await ws.SendAsync(new { type = "ping", @ref = "still-there" });
        (await ws.ExpectTypeAsync("pong")).Text("ref").ShouldBe("still-there");
        var accepted = (await (await customer.Http.GetAsync($"/api/v1/conversations/{id}/messages")).ShouldHaveStatusAsync(HttpStatusCode.OK))["messages"]!.AsArray();
        accepted.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_oversized_frame_closes_with_1009_and_invalid_utf8_with_1007_while_the_server_stays_healthy()
    {
        using var customer = await api.RegisterCustomerAsync();
        await using (var big = await WsClient.ConnectAsync(Server, customer.AccessToken))
        {
            await big.SendTextAsync($"{{\"type\":\"ping\",\"ref\":\"{new string('x', 64 * 1024)}\"}}");
            (await big.ClosedAsync()).ShouldBe(WebSocketCloseStatus.MessageTooBig);
        }

        await using (var broken = await WsClient.ConnectAsync(Server, customer.AccessToken))
        {
            await broken.SendRawAsync([0x7b, 0xff, 0xfe, 0x7d]);
            (await broken.ClosedAsync()).ShouldBe(WebSocketCloseStatus.InvalidPayloadData);
        }

        await using var fine = await WsClient.ConnectAsync(Server, customer.AccessToken);
        await fine.SendAsync(new { type = "ping" });
        await fine.ExpectTypeAsync("pong");
    }

    [Fact]
    public async Task A_flood_of_frames_is_rate_limited_per_connection()
    {
        using var customer = await api.RegisterCustomerAsync();
        await using var ws = await WsClient.ConnectAsync(Server, customer.AccessToken);

        for (var i = 0; i < 120; i++)
        {
            await ws.SendAsync(new { type = "ping", @ref = $"{i}" });
        }

        var limited = await ws.ExpectAsync(f => f.Type() == "error" && f.Text("code") == "rate_limited", "a rate_limited error");
        limited.Text("ref").ShouldNotBeNull();
        await Task.Delay(2500);
        await ws.SendAsync(new { type = "ping", @ref = "after" });
        await ws.ExpectAsync(f => f.Type() == "pong" && f.Text("ref") == "after", "a pong once the bucket refilled");
    }

    [Fact]
    public async Task Agents_present_over_websocket_are_listed_with_their_status()
    {
        using var agent = await api.CreateStaffAsync("agent");
        await using var ws = await WsClient.ConnectAsync(Server, agent.AccessToken);

        var online = await api.Anonymous().GetAsync("/api/v1/agent/presence");
        online.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var list = (await (await agent.Http.GetAsync("/api/v1/agent/presence")).ShouldHaveStatusAsync(HttpStatusCode.OK)).AsArray();
        list.Single(p => p!.Str("agentId") == agent.Id.ToString())!.Str("status").ShouldBe("online");

        await ws.SendAsync(new { type = "presence", status = "away", @ref = "p" });
        await ws.ExpectTypeAsync("ack");
        list = (await (await agent.Http.GetAsync("/api/v1/agent/presence")).ShouldHaveStatusAsync(HttpStatusCode.OK)).AsArray();
        list.Single(p => p!.Str("agentId") == agent.Id.ToString())!.Str("status").ShouldBe("away");

        await ws.CloseAsync();
        await Eventually(async () => (await (await agent.Http.GetAsync("/api/v1/agent/presence")).ShouldHaveStatusAsync(HttpStatusCode.OK)).AsArray()
            .All(p => p!.Str("agentId") != agent.Id.ToString()));
    }

    [Fact]
    public async Task Admins_watch_live_figures_and_see_them_move()
    {
        using var admin = await api.AdminAsync();
        using var customer = await api.RegisterCustomerAsync();
        using var agent = await api.CreateStaffAsync("agent");
        await using var agentWs = await WsClient.ConnectAsync(Server, agent.AccessToken);
        await using var adminWs = await WsClient.ConnectAsync(Server, admin.AccessToken);
        await using var customerWs = await WsClient.ConnectAsync(Server, customer.AccessToken);

        await customerWs.SendAsync(new { type = "figures.watch" });
        (await customerWs.ExpectTypeAsync("error")).Text("code").ShouldBe("auth.forbidden");
        await adminWs.SendAsync(new { type = "figures.watch" });
        var before = await adminWs.ExpectTypeAsync("figures");
        before["agentsOnline"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(1);

        var id = (await (await customer.Http.PostJsonAsync("/api/v1/conversations", new { })).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");
        var waiting = await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await admin.Http.GetAsync($"/api/v1/admin/conversations/{id}?minVersion={waiting.Number("version")}")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var after = await adminWs.ExpectAsync(
            f => f.Type() == "figures" && f["waiting"]!.GetValue<int>() > before["waiting"]!.GetValue<int>(), "figures with one more waiting", TimeSpan.FromSeconds(15));
        after["conversationsStartedToday"]!.GetValue<int>().ShouldBeGreaterThan(before["conversationsStartedToday"]!.GetValue<int>());
        after["longestWaitSeconds"].ShouldNotBeNull();
    }

    private static Task<bool> Eventually(Func<Task<bool>> condition) =>
        ChatClean.TestSupport.Eventually.ReturnsAsync(condition, done => done, what: "the condition");
}

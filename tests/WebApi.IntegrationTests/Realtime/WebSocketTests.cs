using System.Net;
using System.Net.WebSockets;
using ChatClean.Application.Conversations;
using ChatClean.Domain.Conversations;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace ChatClean.WebApi.IntegrationTests.Realtime;

/// <summary>Conversations over the WebSocket gateway with real sockets (Kestrel on 127.0.0.1), MariaDB and Redis.</summary>
[Collection(nameof(WebSocketHost))]
public sealed class WebSocketTests(ChatCleanApiFactory api)
{
    private Uri Server => api.Anonymous().BaseAddress!;

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
}

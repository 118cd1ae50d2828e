using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using ChatClean.TestSupport;

namespace ChatClean.WebApi.IntegrationTests.Realtime;

/// <summary>Tests that restart the shared Redis run alone, after every other test of this assembly.</summary>
[CollectionDefinition(nameof(RedisRestart), DisableParallelization = true)]
public sealed class RedisRestart;

/// <summary>Two service processes on two ports, one MariaDB database and one Redis: clients on either node see each other.</summary>
[Collection(nameof(RedisRestart))]
public sealed class TwoNodeTests : IAsyncLifetime
{
    private MariaDbDatabase _database = null!;
    private ServiceProcess _nodeA = null!;
    private ServiceProcess _nodeB = null!;
    private Uri _a = null!;
    private Uri _b = null!;

    public async Task InitializeAsync()
    {
        _database = await TestEnvironment.CreateMariaDbDatabaseAsync();
        await _database.MigrateAsync();

        var prefix = $"chatclean-test-{Guid.NewGuid():N}";
        (_nodeA, _a) = await StartNodeAsync(prefix);
        (_nodeB, _b) = await StartNodeAsync(prefix);
    }

    public async Task DisposeAsync()
    {
        _nodeA.Dispose();
        _nodeB.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_customer_on_node_A_and_an_agent_on_node_B_see_each_others_messages_typing_and_state()
    {
        var (customer, id) = await CustomerWithConversationOnAAsync("two-node-customer");
        var agent = await AgentOnBAsync("two-node-agent");
        await using var customerWs = await WsClient.ConnectAsync(_a, customer);
        await using var agentWs = await WsClient.ConnectAsync(_b, agent);

        await customerWs.SendAsync(new { type = "message.send", conversationId = id, clientMessageId = "c1", body = "hello from A" });
        await customerWs.SendAsync(new { type = "human.request", conversationId = id });
        await agentWs.ExpectAsync(f => f.Type() == "queue.updated" && f.Text("conversationId") == id, "the request on node B");

        await agentWs.SendAsync(new { type = "conversation.takeover", conversationId = id });
        await agentWs.ExpectTypeAsync("ack");
        await agentWs.SendAsync(new { type = "resume", conversationId = id, afterSeq = 0 });
        (await agentWs.ExpectAsync(f => f.Type() == "message" && f.Seq() == 2, "the customer's message, resumed on B")).Text("body").ShouldBe("hello from A");
        (await customerWs.ExpectAsync(f => f.Type() == "conversation.state" && f.Text("mode") == "human", "the takeover on node A")).Seq().ShouldBe(4);

        await agentWs.SendAsync(new { type = "message.send", conversationId = id, clientMessageId = "a1", body = "hello from B" });
        (await customerWs.ExpectAsync(f => f.Type() == "message" && f.Seq() == 5, "the agent's message on A")).Text("body").ShouldBe("hello from B");

        await customerWs.SendAsync(new { type = "typing", conversationId = id, isTyping = true });
        (await agentWs.ExpectTypeAsync("typing")).Text("conversationId").ShouldBe(id);
        await agentWs.SendAsync(new { type = "typing", conversationId = id, isTyping = true });
        (await customerWs.ExpectTypeAsync("typing")).Text("userId").ShouldNotBeNull();

        await customerWs.SendAsync(new { type = "message.send", conversationId = id, clientMessageId = "c2", body = "thanks B" });
        (await agentWs.ExpectAsync(f => f.Type() == "message" && f.Seq() == 6, "the customer's reply on B")).Text("body").ShouldBe("thanks B");

        // Node A shuts down gracefully: its sockets are closed with 1001 (going away).
        await _nodeA.TerminateAsync(TimeSpan.FromSeconds(30));
        (await customerWs.ClosedAsync()).ShouldBe(WebSocketCloseStatus.EndpointUnavailable);

        // The customer reconnects to node B and resumes where it was: nothing accepted was lost.
        await using var again = await WsClient.ConnectAsync(_b, customer);
        await again.SendAsync(new { type = "resume", conversationId = id, afterSeq = 4 });
        (await again.ExpectTypeAsync("resumed")).Seq().ShouldBe(6);
        again.Received.Where(f => f.Type() == "message").Select(f => f.Seq()).ShouldBe([5, 6]);
    }

    [Fact]
    public async Task When_Redis_restarts_messages_still_cross_nodes_and_typing_comes_back()
    {
        var (customer, id) = await CustomerWithConversationOnAAsync("restart-customer");
        var agent = await AgentOnBAsync("restart-agent");
        await using var customerWs = await WsClient.ConnectAsync(_a, customer);
        await using var agentWs = await WsClient.ConnectAsync(_b, agent);
        await customerWs.SendAsync(new { type = "resume", conversationId = id });
        await customerWs.ExpectTypeAsync("resumed");
        await agentWs.SendAsync(new { type = "conversation.takeover", conversationId = id });
        await customerWs.ExpectAsync(f => f.Type() == "conversation.state" && f.Text("mode") == "human", "the takeover");

        await RedisServer.StopAsync();
        try
        {
            await customerWs.SendAsync(new { type = "message.send", conversationId = id, clientMessageId = "while-down", body = "Redis is down" });
            (await customerWs.ExpectTypeAsync("ack")).Seq().ShouldBe(3);
            (await agentWs.ExpectAsync(f => f.Type() == "message" && f.Seq() == 3, "the message, found by node B's log poll")).Text("body").ShouldBe("Redis is down");
        }
        finally
        {
            await RedisServer.StartAsync();
        }

        var typing = await Eventually.ReturnsAsync(
            async () =>
            {
                await customerWs.SendAsync(new { type = "typing", conversationId = id, isTyping = true });
                await Task.Delay(1100);
                return agentWs.Received.Any(f => f.Type() == "typing");
            },
            arrived => arrived,
            TimeSpan.FromSeconds(30),
            "typing to cross nodes again once Redis is back");
        typing.ShouldBeTrue();
        await customerWs.SendAsync(new { type = "message.send", conversationId = id, clientMessageId = "after", body = "Redis is back" });
        (await agentWs.ExpectAsync(f => f.Type() == "message" && f.Seq() == 4, "a message after the restart")).Text("body").ShouldBe("Redis is back");
    }

    /// <summary>A customer registered and logged in on node A, with a conversation started there.</summary>
    private async Task<(string Token, string ConversationId)> CustomerWithConversationOnAAsync(string username)
    {
        using var onA = new HttpClient { BaseAddress = _a };
        (await onA.PostAsJsonAsync("/api/v1/auth/register", new { username, password = "customer-password" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var token = await onA.LoginAsync(username, "customer-password");
        onA.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var started = await (await onA.PostAsJsonAsync("/api/v1/conversations", new { subject = username })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        return (token, started.Str("id"));
    }

    /// <summary>An agent created by the bootstrap admin and logged in, both on node B.</summary>
    private async Task<string> AgentOnBAsync(string username)
    {
        using var onB = new HttpClient { BaseAddress = _b };
        onB.DefaultRequestHeaders.Authorization = new("Bearer", await onB.LoginAsync(ChatCleanApiFactory.AdminUsername, ChatCleanApiFactory.AdminPassword));
        (await onB.PostAsJsonAsync("/api/v1/admin/users", new { username, password = "agent-password", role = "agent" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        onB.DefaultRequestHeaders.Authorization = null;
        return await onB.LoginAsync(username, "agent-password");
    }

    private Task<(ServiceProcess Node, Uri Address)> StartNodeAsync(string prefix)
    {
        var settings = TestSecrets.ServiceSettings(TestSecrets.NewDataDirectory(), _database.ConnectionString, prefix);
        settings["Ai:Enabled"] = "false";
        return ServiceProcess.StartReadyAsync(typeof(Program).Assembly.Location, settings);
    }

}

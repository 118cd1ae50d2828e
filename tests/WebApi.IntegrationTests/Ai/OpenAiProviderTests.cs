using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatClean.Infrastructure.Ai;
using ChatClean.TestSupport;
using ChatClean.WebApi.IntegrationTests.Realtime;
using Microsoft.Extensions.DependencyInjection;
using static ChatClean.TestSupport.FakeChatModel;

namespace ChatClean.WebApi.IntegrationTests.Ai;

/// <summary>
/// The OpenAI-compatible provider against a local chat endpoint (real HTTP and server-sent events on 127.0.0.1):
/// streaming, retrieval in the prompt, takeover mid-answer, timeouts, HTTP errors, a dropped connection and the
/// circuit breaker, each ending with an answer or a handoff, never silence.
/// </summary>
public sealed class OpenAiProviderTests(OpenAiProviderTests.Api api) : IClassFixture<OpenAiProviderTests.Api>
{
    public sealed class Api : AiApiFactory
    {
        public FakeChatModel Model { get; private set; } = null!;

        protected override IEnumerable<KeyValuePair<string, string>> AiSettings =>
        [
            new("Ai:Provider", "OpenAI"),
            new("Ai:OpenAI:BaseUrl", Model.BaseUrl.ToString()),
            new("Ai:OpenAI:Model", "qwen-test"),
            new("Ai:OpenAI:ApiKey", "test-key"),
            new("Ai:OpenAI:FirstTokenTimeout", "00:00:01"),
            new("Ai:OpenAI:Timeout", "00:00:10"),
            new("Ai:OpenAI:MaxRetries", "1"),
            new("Ai:OpenAI:RetryDelay", "00:00:00.100"),
            new("Ai:OpenAI:FailuresBeforeBreak", "2"),
            new("Ai:OpenAI:BreakDuration", "00:05:00"),
        ];

        public override async Task InitializeAsync()
        {
            Model = await StartAsync();
            await base.InitializeAsync();
            using var admin = await AdminAsync();
            await (await admin.Http.PostJsonAsync("/api/v1/admin/knowledge/documents", new { title = "Refunds", content = "Refunds are issued within 5 business days after the return arrives." }))
                .ShouldHaveStatusAsync(HttpStatusCode.Created);
        }

        protected override ValueTask DisposeCollaboratorsAsync() => Model.DisposeAsync();
    }

    private Uri Server => api.Anonymous().BaseAddress!;

    private FakeChatModel Model => api.Model;

    [Fact]
    public async Task Tokens_stream_to_the_customer_as_they_arrive_and_the_reply_is_posted_once()
    {
        Reset();
        Model.Enqueue(Script.Reply("Your refund will arrive within five business days, as our Refunds article says.", delayMs: 80));
        var (ws, id) = await CustomerAsync();
        await using var _ = ws;

        await ws.SendAsync(new { type = "message.send", conversationId = id, clientMessageId = "c1", body = "How long does a refund take?" });
        var first = await ws.ExpectAsync(f => f.Type() == "message.delta" && f.Text("text") is not null, "the first tokens", TimeSpan.FromSeconds(10));
        var firstAt = DateTimeOffset.UtcNow;
        ws.Received.ShouldNotContain(f => f.Type() == "message" && f.Text("messageId") == first.Text("replyId"), "the first tokens come before the finished message");

        var message = await ws.ExpectAsync(f => f.Type() == "message" && f.Text("messageId") == first.Text("replyId"), "the finished reply", TimeSpan.FromSeconds(10));
        (DateTimeOffset.UtcNow - firstAt).ShouldBeGreaterThan(TimeSpan.FromMilliseconds(500), "the tokens kept coming, 80 ms apart");
        var done = await ws.ExpectAsync(f => f.Type() == "message.delta" && f.Text("replyId") == first.Text("replyId") && f["done"]!.GetValue<bool>(), "the end of the deltas");
        done.Text("outcome").ShouldBe("posted");

        JsonObject[] deltas = [first, .. ws.Received.Where(f => f.Type() == "message.delta" && f.Text("replyId") == first.Text("replyId"))];
        deltas.Select(d => d["index"]!.GetValue<int>()).ShouldBe(Enumerable.Range(0, deltas.Length), "deltas arrive in order");
        deltas.Length.ShouldBeGreaterThan(3, "the reply came in several pieces");
        message.Text("body").ShouldBe("Your refund will arrive within five business days, as our Refunds article says.");
        string.Concat(deltas.Select(d => d.Text("text"))).ShouldBe(message.Text("body"));
        (await EventsOfAsync(id, "ai")).ShouldBe(1);

        // Retrieval-augmented: the prompt held the system prompt, the passage, the language and the question.
        var request = JsonNode.Parse(Model.Requests[^1])!;
        request["model"]!.GetValue<string>().ShouldBe("qwen-test");
        request["stream"]!.GetValue<bool>().ShouldBeTrue();
        var system = request["messages"]![0]!["content"]!.GetValue<string>();
        system.ShouldContain("customer-service assistant");
        system.ShouldContain("Refunds are issued within 5 business days");
        system.ShouldContain("Answer in English");
        request["messages"]!.AsArray()[^1]!["content"]!.GetValue<string>().ShouldBe("How long does a refund take?");
    }

    [Fact]
    public async Task An_agent_taking_over_mid_answer_drops_the_reply()
    {
        Reset();
        Model.Enqueue(Script.Reply("This answer is long and slow and will never be posted because an agent takes over first.", delayMs: 300));
        using var agent = await api.CreateStaffAsync("agent");
        var (ws, id) = await CustomerAsync();
        await using var _ = ws;

        await ws.SendAsync(new { type = "message.send", conversationId = id, clientMessageId = "c1", body = "Where is my parcel?" });
        var first = await ws.ExpectAsync(f => f.Type() == "message.delta" && f.Text("text") is not null, "the first tokens", TimeSpan.FromSeconds(10));
        await (await agent.Http.PostAsync($"/api/v1/conversations/{id}/takeover")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var end = await ws.ExpectAsync(f => f.Type() == "message.delta" && f.Text("replyId") == first.Text("replyId") && f["done"]!.GetValue<bool>(), "the end of the reply", TimeSpan.FromSeconds(10));
        end.Text("outcome").ShouldBe("dropped");
        await Task.Delay(TimeSpan.FromSeconds(1));
        (await EventsOfAsync(id, "ai")).ShouldBe(0);
        (await api.Anonymous().GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_server_error_is_retried()
    {
        Reset();
        Model.Enqueue(Script.Error(503), Script.Reply("Fine after a retry."));
        var before = Model.Requests.Count;
        var (ws, id) = await CustomerAsync();
        await using var _ = ws;

        var (_, message) = await KnowledgeBaseTests.AskAsync(ws, id, "c1", "Hello?");

        message.Text("body").ShouldBe("Fine after a retry.");
        (Model.Requests.Count - before).ShouldBe(2);
    }

    [Fact]
    public async Task A_model_that_never_answers_times_out_and_the_knowledge_base_answers_instead()
    {
        Reset();
        Model.Enqueue(Script.Hang(TimeSpan.FromSeconds(30)), Script.Hang(TimeSpan.FromSeconds(30)));
        var (ws, id) = await CustomerAsync();
        await using var _ = ws;

        var started = DateTimeOffset.UtcNow;
        var (_, message) = await KnowledgeBaseTests.AskAsync(ws, id, "c1", "How long does a refund take?");

        message.Text("body")!.ShouldContain("Refunds are issued within 5 business days");
        message.Text("body")!.ShouldContain("Sources: Refunds");
        (DateTimeOffset.UtcNow - started).ShouldBeLessThan(TimeSpan.FromSeconds(8), "two 1-second first-token timeouts, not the 30-second hang");
    }

    [Fact]
    public async Task Killing_the_model_mid_answer_leaves_the_customer_with_a_fallback_not_silence()
    {
        Reset();
        Model.Enqueue(Script.Broken("The model starts to answer and then its connection dies halfway through", tokens: 4, delayMs: 50));
        var (ws, id) = await CustomerAsync();
        await using var _ = ws;

        await ws.SendAsync(new { type = "message.send", conversationId = id, clientMessageId = "c1", body = "Can you explain the warranty terms?" });
        var reset = await ws.ExpectAsync(f => f.Type() == "message.delta" && f.Text("outcome") == "reset", "the client told to clear the broken answer", TimeSpan.FromSeconds(10));
        reset["done"]!.GetValue<bool>().ShouldBeFalse();

        // The knowledge base has nothing on warranties: the customer is told, and a human is requested.
        var notice = await ws.ExpectAsync(f => f.Type() == "message" && f["sender"]!["kind"]!.GetValue<string>() == "system", "the notice", TimeSpan.FromSeconds(10));
        notice.Text("body")!.ShouldContain("human agent");
        var state = await ws.ExpectAsync(f => f.Type() == "conversation.state" && f.Text("event") == "HumanRequested", "the handoff");
        state["detail"]!["reason"]!.GetValue<string>().ShouldBe("ai_failed");
        (await EventsOfAsync(id, "ai")).ShouldBe(0);
    }

    [Fact]
    public async Task After_repeated_failures_the_circuit_opens_and_answers_come_without_calling_the_model()
    {
        Reset();
        Model.Default = Script.Error(500);
        try
        {
            var (ws, id) = await CustomerAsync();
            await using var _ = ws;

            // Two failed calls in a row (of two attempts each) open the circuit.
            await KnowledgeBaseTests.AskAsync(ws, id, "c1", "How long does a refund take?");
            await KnowledgeBaseTests.AskAsync(ws, id, "c2", "And a refund for a gift?");
            api.Services.GetRequiredService<OpenAiChatModel>().Breaker.IsOpen.ShouldBeTrue();
            var metrics = await api.Anonymous().GetStringAsync("/metrics");
            metrics.ShouldContain("chatclean_ai_circuit_state 2");
            metrics.ShouldContain("chatclean_ai_errors_total{");

            var calls = Model.Requests.Count;
            var (_, message) = await KnowledgeBaseTests.AskAsync(ws, id, "c3", "When is my refund issued?");
            message.Text("body")!.ShouldContain("Sources: Refunds");
            Model.Requests.Count.ShouldBe(calls, "an open circuit does not call the model");
        }
        finally
        {
            Model.Default = Script.Reply("Hello from the model.");
        }
    }

    [Fact]
    public async Task The_model_asks_for_a_human_with_a_tool_call_or_the_marker()
    {
        Reset();
        Model.Enqueue(Script.CallsForHuman(), Script.Reply("I will find a colleague for you. [[HUMAN]]"));
        var (ws, id) = await CustomerAsync();
        await using var _ = ws;

        var (_, byTool) = await KnowledgeBaseTests.AskAsync(ws, id, "c1", "My case is complicated.");
        byTool.Text("body")!.ShouldContain("human agent");
        var state = await ws.ExpectAsync(f => f.Type() == "conversation.state" && f.Text("event") == "HumanRequested", "the handoff by tool call");
        state["detail"]!["reason"]!.GetValue<string>().ShouldBe("ai_low_confidence");

        var (ws2, id2) = await CustomerAsync();
        await using var __ = ws2;
        var (streamed, byMarker) = await KnowledgeBaseTests.AskAsync(ws2, id2, "c1", "It is complicated too.");
        byMarker.Text("body").ShouldBe("I will find a colleague for you.");
        streamed.ShouldNotContain("[[");
        await ws2.ExpectAsync(f => f.Type() == "conversation.state" && f.Text("event") == "HumanRequested", "the handoff by marker");
    }

    private void Reset() => api.Services.GetRequiredService<OpenAiChatModel>().Breaker.Success();

    private async Task<(WsClient Ws, string ConversationId)> CustomerAsync()
    {
        var customer = await api.RegisterCustomerAsync();
        var id = (await (await customer.Http.PostAsync("/api/v1/conversations")).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");
        return (await WsClient.ConnectAsync(Server, customer.AccessToken), id);
    }

    private async Task<int> EventsOfAsync(string conversationId, string sender)
    {
        using var admin = await api.AdminAsync();
        var messages = (await admin.Http.GetFromJsonAsync<JsonObject>($"/api/v1/conversations/{conversationId}/messages"))!["messages"]!.AsArray();
        return messages.Count(m => m!.Str("sender") == sender);
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatClean.TestSupport;
using ChatClean.WebApi.IntegrationTests.Ai;
using ChatClean.WebApi.IntegrationTests.Realtime;

namespace ChatClean.WebApi.IntegrationTests.Operations;

/// <summary>
/// One scripted conversation on a service process (the embedded default), then what operators see of it: the
/// business series on <c>/metrics</c> match what happened, the JSON log has one line per request and frame with its
/// trace id and no personal data, and the trace id of the request or frame that posted a message is in the event's
/// metadata and in the AI reply's.
/// </summary>
public sealed class ObservedConversationTests : IDisposable
{
    private const string Question = "How long does a refund take?";
    private const string Email = "observed.customer@example.org";
    private const string Password = "observed-customer-password";

    private readonly string _data = TestSecrets.NewDataDirectory();
    private ServiceProcess? _node;

    public void Dispose()
    {
        _node?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public async Task Metrics_logs_and_traces_tell_what_happened_in_a_scripted_conversation()
    {
        var settings = TestSecrets.ServiceSettings(_data);
        settings["Logging:LogLevel:Default"] = "Information";
        settings["Metrics:SampleInterval"] = "00:00:00.200";
        settings["Conversations:WaitingTimeout"] = "00:10:00";
        (_node, var address) = await ServiceProcess.StartReadyAsync(typeof(Program).Assembly.Location, settings);
        using var admin = await ClientAsync(address, TestSecrets.AdminUsername, TestSecrets.AdminPassword);
        await (await admin.PostAsJsonAsync("/api/v1/admin/knowledge/documents", new { title = "Refunds", content = "Refunds are issued within 5 business days after the return arrives." }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);
        (await admin.PostAsJsonAsync("/api/v1/admin/users", new { username = "observed-agent", password = "staff-password", displayName = "Observed Agent", role = "agent" }))
            .EnsureSuccessStatusCode();
        using var agent = await ClientAsync(address, "observed-agent", "staff-password");
        using (var anonymous = new HttpClient { BaseAddress = address })
        {
            (await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { username = "observed-customer", password = Password, email = Email })).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        using var customer = await ClientAsync(address, "observed-customer", Password);
        var id = (await (await customer.PostAsync("/api/v1/conversations", null)).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");

        // The AI answers a question asked over the WebSocket.
        await using (var ws = await WsClient.ConnectAsync(address, customer.DefaultRequestHeaders.Authorization!.Parameter))
        {
            var (_, reply) = await KnowledgeBaseTests.AskAsync(ws, id, "q1", Question);
            reply.Text("body")!.ShouldContain("5 business days");
        }

        // The customer asks for a person, writes while waiting (a request with a W3C trace context), an agent takes over and answers.
        await (await customer.PostAsync($"/api/v1/conversations/{id}/human-request", null)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await MetricsShowAsync(address, m => m.Sum("chatclean_waiting_queue_length") == 1 && m.Sum("chatclean_conversations", ("mode", "waiting")) == 1, "one customer waiting");
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var traced = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/conversations/{id}/messages") { Content = JsonContent.Create(new { body = "Is anyone there?", clientMessageId = "m2" }) };
        traced.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        // A client of its own that sends the header as given (HttpClient would add its own trace context beside it).
        using var tracing = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator() })
        {
            BaseAddress = address,
            DefaultRequestHeaders = { Authorization = customer.DefaultRequestHeaders.Authorization },
        };
        var posted = await (await tracing.SendAsync(traced)).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await (await agent.PostAsync($"/api/v1/conversations/{id}/takeover", null)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await agent.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "Hello, I can help.", clientMessageId = "a1" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await (await customer.PostAsync($"/api/v1/conversations/{id}/close", null)).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var metrics = await MetricsShowAsync(address, m => m.Sum("chatclean_conversations", ("mode", "closed")) == 1 && m.Sum("chatclean_messages_total", ("sender", "agent")) == 1, "the conversation closed");
        metrics.Sum("chatclean_conversations_started_total").ShouldBe(1);
        metrics.Sum("chatclean_messages_total", ("sender", "customer")).ShouldBe(2);
        metrics.Sum("chatclean_messages_total", ("sender", "ai")).ShouldBe(1);
        metrics.Sum("chatclean_handoffs_total").ShouldBe(1);
        metrics.Sum("chatclean_takeovers_total").ShouldBe(1);
        metrics.Sum("chatclean_waiting_timeouts_total").ShouldBe(0);
        metrics.Sum("chatclean_wait_time_seconds_count").ShouldBe(1);
        metrics.Sum("chatclean_first_response_time_seconds_count", ("responder", "ai")).ShouldBe(1);
        metrics.Sum("chatclean_first_response_time_seconds_count", ("responder", "agent")).ShouldBe(1);
        metrics.Sum("chatclean_waiting_queue_length").ShouldBe(0);
        metrics.Sum("chatclean_conversations", ("mode", "ai")).ShouldBe(0);
        metrics.Sum("chatclean_realtime_frames_received_total", ("type", "message.send")).ShouldBe(1);
        metrics.Sum("chatclean_realtime_frames_sent_total", ("type", "ack")).ShouldBeGreaterThanOrEqualTo(1);
        metrics.Sum("chatclean_ai_replies_total", ("provider", "knowledge_base")).ShouldBe(1);
        metrics.Sum("chatclean_event_store_append_duration_seconds_count").ShouldBeGreaterThan(0);
        metrics.Sum("chatclean_event_store_head_position").ShouldBeGreaterThan(0);
        metrics.Has("http_server_request_duration_seconds_bucket").ShouldBeTrue();
        metrics.Has("dotnet_gc_heap_total_allocated_bytes_total").ShouldBeTrue();

        // The events carry the trace ids of what appended them: the traced request's, and the frame's for the question and the AI's answer.
        var events = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/admin/audit/conversations/{id}/events?limit=100"))!["items"]!.AsArray().Select(e => e!.AsObject()).ToArray();
        var answer = events.Single(e => e.Str("type") == "MessagePosted.v1" && e["data"]!["sender"]?.GetValue<string>() == "ai");
        var question = events.Where(e => e.Str("type") == "MessagePosted.v1" && e.Number("seq") < answer.Number("seq")).MaxBy(e => e.Number("seq"))!;
        TraceOf(answer).ShouldBe(TraceOf(question), "the AI reply job runs in the question's trace");
        TraceOf(events.Single(e => e.Number("seq") == posted["message"]!.Number("seq"))).ShouldBe(traceId);

        var lines = JsonLines(_node.Output);
        lines.ShouldContain(l => l.Text("@tr") == traceId && l.Text("Route") == "/api/v1/conversations/{id:guid}/messages" && l.Text("ConversationId") == id, "the traced request's log line");
        lines.ShouldContain(l => l.Text("FrameType") == "message.send" && l.Text("@tr") == TraceOf(question) && l.Text("Outcome") == "ok", "the frame's log line in the question's trace");
        lines.ShouldContain(l => l.Text("Command") == "TakeOverCommand" && l.Text("ConversationId") == id && l.Text("Outcome") == "ok", "the command's log line");
        foreach (var secret in new[] { Password, Email, Question, "Is anyone there?", TestSecrets.SigningKey, customer.DefaultRequestHeaders.Authorization!.Parameter! })
        {
            _node.Output.ShouldNotContain(secret, Case.Sensitive, "logs hold no personal data or token");
        }
    }

    private static string? TraceOf(JsonObject auditEvent) => auditEvent["metadata"]?["traceId"]?.GetValue<string>();

    private static JsonObject[] JsonLines(string output) =>
        output.Split('\n').Where(l => l.StartsWith('{')).Select(l => JsonNode.Parse(l)!.AsObject()).ToArray();

    private static async Task<PrometheusText> MetricsShowAsync(Uri address, Func<PrometheusText, bool> condition, string what)
    {
        using var client = new HttpClient { BaseAddress = address };
        return await Eventually.ReturnsAsync(async () => new PrometheusText(await client.GetStringAsync("/metrics")), condition, TimeSpan.FromSeconds(15), $"/metrics to show {what}");
    }

    private static async Task<HttpClient> ClientAsync(Uri address, string username, string password)
    {
        var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Authorization = new("Bearer", await client.LoginAsync(username, password));
        return client;
    }
}

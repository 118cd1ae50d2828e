using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatClean.TestSupport;
using ChatClean.WebApi.IntegrationTests.Realtime;

namespace ChatClean.WebApi.IntegrationTests.Ai;

/// <summary>
/// The embedded default's AI: no provider configured, FAQ documents added over the admin API, sourced answers in
/// Chinese and English over the WebSocket, and handoffs (on request, and when nothing relevant is found).
/// </summary>
public sealed class KnowledgeBaseTests(AiApiFactory api) : IClassFixture<AiApiFactory>
{
    private Uri Server => api.Anonymous().BaseAddress!;

    [Fact]
    public async Task Admins_manage_documents_and_search_them()
    {
        using var admin = await api.AdminAsync();
        using var customer = await api.RegisterCustomerAsync();

        var created = await (await admin.Http.PostJsonAsync("/api/v1/admin/knowledge/documents", new { title = "Gift cards", content = "# Gift cards\nGift cards never expire.\n\nThey cannot be exchanged for cash." }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);
        var id = created.Str("id");
        created["passages"]!.GetValue<int>().ShouldBe(1);

        (await admin.Http.GetFromJsonAsync<JsonArray>("/api/v1/admin/knowledge/documents"))!.ShouldContain(d => d!.Str("id") == id);
        (await admin.Http.GetFromJsonAsync<JsonObject>($"/api/v1/admin/knowledge/documents/{id}"))!.Str("title").ShouldBe("Gift cards");
        var hits = await admin.Http.GetFromJsonAsync<JsonArray>("/api/v1/admin/knowledge/search?q=do%20gift%20cards%20expire");
        hits![0]!.Str("documentId").ShouldBe(id);
        hits[0]!["coverage"]!.GetValue<double>().ShouldBe(1);

        var updated = await (await admin.Http.PutAsJsonAsync($"/api/v1/admin/knowledge/documents/{id}", new { title = "Vouchers", content = "Vouchers are valid for one year." }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        updated.Str("title").ShouldBe("Vouchers");
        (await admin.Http.GetFromJsonAsync<JsonArray>("/api/v1/admin/knowledge/search?q=vouchers%20valid"))![0]!.Str("documentId").ShouldBe(id);
        (await admin.Http.GetFromJsonAsync<JsonArray>("/api/v1/admin/knowledge/search?q=gift%20cards%20expire"))!.ShouldNotContain(h => h!.Str("documentId") == id);

        (await admin.Http.DeleteAsync($"/api/v1/admin/knowledge/documents/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await admin.Http.GetAsync($"/api/v1/admin/knowledge/documents/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "knowledge.not_found");
        await (await admin.Http.DeleteAsync($"/api/v1/admin/knowledge/documents/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "knowledge.not_found");
        (await admin.Http.GetFromJsonAsync<JsonArray>("/api/v1/admin/knowledge/search?q=vouchers%20valid"))!.ShouldNotContain(h => h!.Str("documentId") == id);

        await (await admin.Http.PostJsonAsync("/api/v1/admin/knowledge/documents", new { title = "", content = "x" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        await (await admin.Http.GetAsync("/api/v1/admin/knowledge/search?q=")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        (await customer.Http.PostJsonAsync("/api/v1/admin/knowledge/documents", new { title = "t", content = "c" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await customer.Http.GetAsync("/api/v1/admin/knowledge/documents")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_newcomer_adds_faq_documents_and_gets_sourced_answers_in_chinese_and_english()
    {
        using var admin = await api.AdminAsync();
        await AddAsync(admin, "退货政策", "# 退货\n收到商品后7天内可以无理由退货，商品需保持完好。\n\n# 退款\n退款在收到退货后3个工作日内原路返回。");
        await AddAsync(admin, "Shipping", "Shipping is free for orders over $50. Standard delivery takes 3 to 5 business days.");

        using var customer = await api.RegisterCustomerAsync();
        await using var ws = await WsClient.ConnectAsync(Server, customer.AccessToken);
        var id = await StartAsync(customer);

        var chinese = await AskAsync(ws, id, "c1", "请问怎么退货？");
        chinese.Message.Text("body")!.ShouldContain("7天内可以无理由退货");
        chinese.Message.Text("body")!.ShouldContain("来源：退货政策");
        chinese.Streamed.ShouldBe(chinese.Message.Text("body"));

        var english = await AskAsync(ws, id, "c2", "Is shipping free?");
        english.Message.Text("body")!.ShouldContain("Shipping is free for orders over $50");
        english.Message.Text("body")!.ShouldContain("Sources: Shipping");

        var conversation = await customer.Http.GetFromJsonAsync<JsonObject>($"/api/v1/conversations/{id}");
        conversation!.Str("mode").ShouldBe("ai");

        var metrics = await api.Anonymous().GetStringAsync("/metrics");
        metrics.ShouldContain("chatclean_ai_replies_total{");
        metrics.ShouldContain("provider=\"knowledge_base\"");
    }

    [Fact]
    public async Task When_nothing_relevant_is_found_the_ai_says_so_and_asks_for_a_human()
    {
        using var customer = await api.RegisterCustomerAsync();
        await using var ws = await WsClient.ConnectAsync(Server, customer.AccessToken);
        var id = await StartAsync(customer);

        var answer = await AskAsync(ws, id, "c1", "What will the weather be like on Mars tomorrow?");
        answer.Message.Text("body")!.ShouldContain("could not find");

        var state = await ws.ExpectAsync(f => f.Type() == "conversation.state" && f.Text("event") == "HumanRequested", "the handoff");
        state["detail"]!["reason"]!.GetValue<string>().ShouldBe("ai_low_confidence");
    }

    [Theory]
    [InlineData("转人工")]
    [InlineData("我要人工客服")]
    [InlineData("Can I talk to a human please?")]
    public async Task Asking_for_a_person_hands_the_conversation_over_without_an_ai_answer(string text)
    {
        using var customer = await api.RegisterCustomerAsync();
        await using var ws = await WsClient.ConnectAsync(Server, customer.AccessToken);
        var id = await StartAsync(customer);

        await ws.SendAsync(new { type = "message.send", conversationId = id, clientMessageId = "c1", body = text });
        var state = await ws.ExpectAsync(f => f.Type() == "conversation.state" && f.Text("event") == "HumanRequested", "the handoff");
        state["detail"]!["reason"]!.GetValue<string>().ShouldBe("keyword");
        state.Text("mode").ShouldBe("waiting");

        var messages = (await customer.Http.GetFromJsonAsync<JsonObject>($"/api/v1/conversations/{id}/messages"))!["messages"]!.AsArray();
        messages.Select(m => m!.Str("sender")).ShouldBe(["customer"]);
    }

    private static async Task AddAsync(TestUser admin, string title, string content) =>
        await (await admin.Http.PostJsonAsync("/api/v1/admin/knowledge/documents", new { title, content })).ShouldHaveStatusAsync(HttpStatusCode.Created);

    private static async Task<string> StartAsync(TestUser customer) =>
        (await (await customer.Http.PostAsync("/api/v1/conversations")).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");

    /// <summary>Sends a message and waits for the AI's reply: its deltas (joined) and the message that ends them.</summary>
    public static async Task<(string Streamed, JsonObject Message)> AskAsync(WsClient ws, string conversationId, string clientMessageId, string text)
    {
        await ws.SendAsync(new { type = "message.send", conversationId, clientMessageId, body = text });
        var ack = await ws.ExpectAsync(f => f.Type() == "ack" && f.Text("ref") == clientMessageId, "the ack");
        var message = await ws.ExpectAsync(
            f => f.Type() == "message" && f.Text("conversationId") == conversationId && f.Seq() > ack.Seq() && f["sender"]!["kind"]!.GetValue<string>() == "ai",
            "the AI's answer",
            TimeSpan.FromSeconds(20));
        var replyId = message.Text("messageId");
        var done = await ws.ExpectAsync(f => f.Type() == "message.delta" && f.Text("replyId") == replyId && f["done"]!.GetValue<bool>(), "the end of the reply's deltas");
        done.Text("outcome").ShouldBe("posted");
        var deltas = ws.Received.Where(f => f.Type() == "message.delta" && f.Text("replyId") == replyId).ToArray();
        deltas.Select(d => d["index"]!.GetValue<int>()).ShouldBe(Enumerable.Range(0, deltas.Length), "deltas arrive in order");
        return (string.Concat(deltas.Select(d => d.Text("text"))), message);
    }
}

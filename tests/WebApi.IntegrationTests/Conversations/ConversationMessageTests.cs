using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static ChatClean.WebApi.IntegrationTests.TestConversations;

namespace ChatClean.WebApi.IntegrationTests.Conversations;

/// <summary>Messages over real HTTP against MariaDB: retried and concurrent sends, pages, text kept verbatim.</summary>
[Collection(nameof(ConversationHost))]
public sealed class ConversationMessageTests(ChatCleanApiFactory api)
{
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
    public async Task Text_is_stored_and_returned_verbatim()
    {
        using var customer = await api.RegisterCustomerAsync();
        var id = await StartAsync(customer);
        const string Tricky = "'; DROP TABLE es_events; -- <script>alert(1)</script> 你好 \"quoted\" 🎉";

        await (await customer.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = Tricky })).ShouldHaveStatusAsync(HttpStatusCode.Created);

        var messages = (await customer.Http.GetFromJsonAsync<JsonObject>($"/api/v1/conversations/{id}/messages"))!["messages"]!.AsArray();
        messages.Single()!.Str("body").ShouldBe(Tricky);
    }
}

using System.Net;
using System.Net.WebSockets;

namespace ChatClean.WebApi.IntegrationTests.Realtime;

/// <summary>What the WebSocket gateway refuses or limits (bad tokens, garbage, oversized frames, floods), with the connection or the server staying usable.</summary>
[Collection(nameof(WebSocketHost))]
public sealed class WebSocketRobustnessTests(ChatCleanApiFactory api)
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
}

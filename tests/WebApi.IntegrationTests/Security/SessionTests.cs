using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using ChatClean.WebApi.IntegrationTests.Realtime;

namespace ChatClean.WebApi.IntegrationTests.Security;

/// <summary>Sessions end when an admin says so (disable, password reset), everywhere at once; tampered tokens never start one.</summary>
public sealed class SessionTests(ChatCleanApiFactory api) : IClassFixture<ChatCleanApiFactory>
{
    [Fact]
    public async Task Disabling_a_user_ends_their_tokens_and_closes_their_open_websockets()
    {
        using var admin = await api.AdminAsync();
        using var customer = await api.RegisterCustomerAsync();
        await using var ws = await WsClient.ConnectAsync(api.Anonymous().BaseAddress!, customer.AccessToken);
        await ws.SendAsync(new { type = "ping", @ref = "before" });
        await ws.ExpectTypeAsync("pong");

        await (await admin.Http.PostAsync($"/api/v1/admin/users/{customer.Id}/disable")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        (await ws.ClosedAsync(TimeSpan.FromSeconds(10))).ShouldBe((WebSocketCloseStatus)4001);
        await (await customer.Http.GetAsync("/api/v1/auth/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.token_revoked");
        (await api.Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = customer.RefreshToken })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await WsClient.RefusedStatusAsync(api.Anonymous().BaseAddress!, customer.AccessToken)).ShouldBe(HttpStatusCode.Unauthorized);

        // Enabled again, the account signs in afresh; the old token stays dead.
        await (await admin.Http.PostAsync($"/api/v1/admin/users/{customer.Id}/enable")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        using var again = await api.LoginAsync(customer.Username, customer.Password);
        (await again.Http.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await customer.Http.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_password_reset_signs_the_user_out_everywhere()
    {
        using var admin = await api.AdminAsync();
        using var agent = await api.CreateStaffAsync("agent");

        await (await admin.Http.PostJsonAsync($"/api/v1/admin/users/{agent.Id}/reset-password", new { password = "a-brand-new-password" })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        await (await agent.Http.GetAsync("/api/v1/agent/queue")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.token_revoked");
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        using var again = await api.LoginAsync(agent.Username, "a-brand-new-password");
        (await again.Http.GetAsync("/api/v1/agent/queue")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_token_whose_claims_were_edited_is_refused()
    {
        using var customer = await api.RegisterCustomerAsync();
        var parts = customer.AccessToken.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlDecode(parts[1])).Replace("\"customer\"", "\"admin\"", StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{Base64UrlEncode(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";
        using var client = api.WithToken(tampered);

        await (await client.GetAsync("/api/v1/admin/users")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Fact]
    public async Task The_service_refuses_to_start_in_production_without_a_strong_signing_key()
    {
        foreach (var key in new[] { string.Empty, "short-key", new string('a', 48) })
        {
            await using var factory = new WithSigningKey(key);
            var failure = await Should.ThrowAsync<InvalidOperationException>(factory.InitializeAsync);
            failure.Message.ShouldContain("Jwt:SigningKey");
        }
    }

    private sealed class WithSigningKey(string key) : ChatCleanApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => [new("Jwt:SigningKey", key)];
    }

    private static byte[] Base64UrlDecode(string text) =>
        Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (text.Length % 4)) % 4));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

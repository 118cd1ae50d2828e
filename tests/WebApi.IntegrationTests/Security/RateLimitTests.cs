using System.Net;
using System.Net.Http.Json;
using ChatClean.TestSupport;
using ChatClean.WebApi.IntegrationTests.Realtime;

namespace ChatClean.WebApi.IntegrationTests.Security;

/// <summary>Login throttling per account and per address, counted in Redis so that every node enforces the same limit.</summary>
public sealed class LoginRateLimitTests(LoginRateLimitTests.Api api) : IClassFixture<LoginRateLimitTests.Api>
{
    public class Api : ChatCleanApiFactory
    {
        public string Prefix { get; init; } = $"chatclean-test-{Guid.NewGuid():N}";

        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
        [
            new("Redis:Prefix", Prefix),
            new("RateLimits:LoginPerAccount:Limit", "3"),
            new("RateLimits:LoginPerAccount:Window", "00:01:00"),
            new("RateLimits:LoginPerAddress:Limit", "6"),
            new("RateLimits:LoginPerAddress:Window", "00:01:00"),
        ];
    }

    [Fact]
    public async Task Password_guessing_is_throttled_per_account_then_per_address_on_every_node()
    {
        using var anonymous = api.Anonymous();
        await RegisterAsync(anonymous, "alice-rl");
        await RegisterAsync(anonymous, "bob-rl");

        for (var i = 0; i < 3; i++)
        {
            await (await LoginAsync(anonymous, "alice-rl", "wrong-password")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        }

        using var refused = await LoginAsync(anonymous, "alice-rl", "wrong-password");
        await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        int.Parse(refused.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 60);

        // Even the right password waits: the account is locked for the window, not the guess.
        (await LoginAsync(anonymous, "alice-rl", "customer-password")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);

        // A second node sharing Redis (and nothing else) refuses it too.
        await using (var other = new Api { Prefix = api.Prefix })
        {
            await other.InitializeAsync();
            using var onOther = other.Anonymous();
            (await LoginAsync(onOther, "alice-rl", "customer-password")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        }

        // Another account from the same address: allowed until the address has used its six attempts.
        using var stillAllowed = await LoginAsync(anonymous, "bob-rl", "wrong-password");
        stillAllowed.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, "alice's five attempts and the one on the other node count for the address");
    }

    private static async Task RegisterAsync(HttpClient client, string username) =>
        await (await client.PostAsJsonAsync("/api/v1/auth/register", new { username, password = "customer-password" })).ShouldHaveStatusAsync(HttpStatusCode.Created);

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string username, string password) =>
        client.PostAsJsonAsync("/api/v1/auth/login", new { username, password });
}

/// <summary>REST requests per user and WebSocket frames per user.</summary>
public sealed class RequestRateLimitTests(RequestRateLimitTests.Api api) : IClassFixture<RequestRateLimitTests.Api>
{
    public sealed class Api : ChatCleanApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
        [
            new("RateLimits:RestPerUser:Limit", "30"),
            new("RateLimits:FramesPerUser:Limit", "20"),
            new("Realtime:FramesPerSecond", "1000"),
            new("Realtime:FrameBurst", "1000"),
        ];
    }

    [Fact]
    public async Task A_user_over_the_rest_limit_gets_429_with_retry_after_and_others_carry_on()
    {
        using var busy = await api.RegisterCustomerAsync();
        using var calm = await api.RegisterCustomerAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 35; i++)
        {
            using var response = await busy.Http.GetAsync("/api/v1/auth/me");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                response.Headers.RetryAfter.ShouldNotBeNull();
                await response.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
                break;
            }
        }

        statuses.Count(s => s == HttpStatusCode.OK).ShouldBe(30);
        statuses[^1].ShouldBe(HttpStatusCode.TooManyRequests);
        (await calm.Http.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_user_over_the_frame_limit_gets_rate_limited_error_frames_and_the_socket_stays_open()
    {
        using var customer = await api.RegisterCustomerAsync();
        await using var first = await WsClient.ConnectAsync(api.Anonymous().BaseAddress!, customer.AccessToken);
        await using var second = await WsClient.ConnectAsync(api.Anonymous().BaseAddress!, customer.AccessToken);

        // Twenty frames over two connections use the user's allowance; the next one is refused.
        for (var i = 0; i < 10; i++)
        {
            await first.SendAsync(new { type = "ping", @ref = $"a{i}" });
            await second.SendAsync(new { type = "ping", @ref = $"b{i}" });
        }

        await first.ExpectAsync(f => f.Type() == "pong" && f.Text("ref") == "a9", "the tenth pong");
        await second.ExpectAsync(f => f.Type() == "pong" && f.Text("ref") == "b9", "the tenth pong");
        await first.SendAsync(new { type = "ping", @ref = "over" });
        var error = await first.ExpectAsync(f => f.Type() == "error" && f.Text("ref") == "over", "the refusal");
        error.Text("code").ShouldBe("rate_limited");
        first.State.ShouldBe(System.Net.WebSockets.WebSocketState.Open);
    }
}

/// <summary>Behind a trusted load balancer, the client address comes from X-Forwarded-For; from anyone else it is ignored.</summary>
public sealed class ForwardedAddressTests(ForwardedAddressTests.Api api) : IClassFixture<ForwardedAddressTests.Api>
{
    public sealed class Api : ChatCleanApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
            [new("RateLimits:LoginPerAddress:Limit", "2"), new("Security:TrustedProxies:0", "127.0.0.1")];
    }

    [Fact]
    public async Task Each_forwarded_client_address_has_its_own_login_allowance()
    {
        using var client = api.Anonymous();

        for (var i = 0; i < 2; i++)
        {
            (await LoginFromAsync(client, "203.0.113.1")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        (await LoginFromAsync(client, "203.0.113.1")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await LoginFromAsync(client, "203.0.113.2")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "another client behind the same balancer");
    }

    private static Task<HttpResponseMessage> LoginFromAsync(HttpClient client, string address)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = JsonContent.Create(new { username = $"nobody-{Guid.NewGuid():N}"[..20], password = "wrong-password" }),
        };
        request.Headers.Add("X-Forwarded-For", address);
        return client.SendAsync(request);
    }
}

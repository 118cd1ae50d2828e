using System.Net;
using System.Net.WebSockets;

namespace ChatClean.WebApi.IntegrationTests.Security;

/// <summary>Security headers on every answer; no cross-origin browser access unless configured; HTTPS when asked for.</summary>
public sealed class WebSecurityTests(ChatCleanApiFactory api) : IClassFixture<ChatCleanApiFactory>
{
    [Fact]
    public async Task Every_answer_carries_the_security_headers_and_api_answers_are_not_cached()
    {
        using var customer = await api.RegisterCustomerAsync();
        using var response = await customer.Http.GetAsync("/api/v1/auth/me");

        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);
        response.Headers.GetValues("Referrer-Policy").ShouldBe(["no-referrer"]);
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("default-src 'none'");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        (await api.Anonymous().GetAsync("/nowhere")).Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
    }

    [Fact]
    public async Task With_no_allow_list_no_other_origin_gets_cors_access()
    {
        using var preflight = Preflight("https://evil.example");
        using var response = await api.Anonymous().SendAsync(preflight);

        response.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    [Fact]
    public async Task A_websocket_from_another_sites_page_is_refused()
    {
        using var customer = await api.RegisterCustomerAsync();
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Origin", "https://evil.example");
        var uri = new UriBuilder(api.Anonymous().BaseAddress!) { Scheme = "ws", Path = "/ws", Query = $"access_token={Uri.EscapeDataString(customer.AccessToken)}" }.Uri;

        await Should.ThrowAsync<WebSocketException>(() => socket.ConnectAsync(uri, CancellationToken.None));
        socket.HttpStatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    public static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/conversations");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return request;
    }
}

/// <summary>A deployment that lists its web app's origin.</summary>
public sealed class AllowedOriginTests(AllowedOriginTests.Api api) : IClassFixture<AllowedOriginTests.Api>
{
    public sealed class Api : ChatCleanApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => [new("Security:AllowedOrigins:0", "https://app.example")];
    }

    [Fact]
    public async Task The_listed_origin_gets_cors_access_and_others_do_not()
    {
        using var allowed = await api.Anonymous().SendAsync(WebSecurityTests.Preflight("https://app.example"));
        allowed.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe(["https://app.example"]);

        using var other = await api.Anonymous().SendAsync(WebSecurityTests.Preflight("https://evil.example"));
        other.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }
}

/// <summary>A deployment that terminates TLS itself.</summary>
public sealed class HttpsRedirectionTests(HttpsRedirectionTests.Api api) : IClassFixture<HttpsRedirectionTests.Api>
{
    public sealed class Api : ChatCleanApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
            [new("Security:HttpsRedirection", "true"), new("Security:HttpsPort", "8443")];
    }

    [Fact]
    public async Task Plain_http_is_redirected_to_https()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = api.Anonymous().BaseAddress };
        using var response = await client.GetAsync("/health/live");

        response.StatusCode.ShouldBe(HttpStatusCode.TemporaryRedirect);
        response.Headers.Location!.ToString().ShouldStartWith("https://");
        response.Headers.Location.Port.ShouldBe(8443);
    }
}

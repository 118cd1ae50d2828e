using System.Globalization;
using System.Net;
using System.Net.WebSockets;

using ChatClean.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using ChatClean.WebApi.Infrastructure;
using ChatClean.WebApi.Realtime;

namespace ChatClean.WebApi.IntegrationTests.Realtime;

/// <summary>A node holds at most <c>Realtime:MaxConnections</c> WebSockets; beyond it upgrades get 503 and the held ones carry on.</summary>
public sealed class ConnectionCapTests(ConnectionCapTests.Api api) : IClassFixture<ConnectionCapTests.Api>
{
    public sealed class Api : ChatCleanApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => [new("Realtime:MaxConnections", "2")];
    }

    private Uri Server => api.Anonymous().BaseAddress!;

    [Fact]
    public async Task Beyond_the_cap_an_upgrade_gets_503_while_the_held_connections_stay_healthy_and_a_freed_place_is_taken_again()
    {
        using var customer = await api.RegisterCustomerAsync();
        await using var first = await WsClient.ConnectAsync(Server, customer.AccessToken);
        await using var second = await WsClient.ConnectAsync(Server, customer.AccessToken);

        using var refused = new ClientWebSocket();
        refused.Options.CollectHttpResponseDetails = true;
        var uri = new UriBuilder(Server) { Scheme = "ws", Path = "/ws", Query = $"access_token={Uri.EscapeDataString(customer.AccessToken)}" }.Uri;
        await Should.ThrowAsync<WebSocketException>(() => refused.ConnectAsync(uri, CancellationToken.None));
        refused.HttpStatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        refused.HttpResponseHeaders!["Retry-After"].ShouldBe(["5"]);

        // Every host of this test process exports every host's meters, so the node's own figures are read from it.
        api.Services.GetRequiredService<ConnectionAdmission>().Open.ShouldBe(2);
        var metrics = await api.Anonymous().GetStringAsync("/metrics");
        metrics.ShouldContain("chatclean_realtime_connections{");
        metrics.ShouldContain("chatclean_realtime_connections_refused_total{");

        foreach (var held in new[] { first, second })
        {
            await held.SendAsync(new { type = "ping", @ref = "alive" });
            (await held.ExpectTypeAsync("pong")).Text("ref").ShouldBe("alive");
        }

        await first.CloseAsync();
        var third = await Eventually.ReturnsAsync(
            async () =>
            {
                try
                {
                    return await WsClient.ConnectAsync(Server, customer.AccessToken);
                }
                catch (WebSocketException)
                {
                    return null;
                }
            },
            connected => connected is not null,
            what: "a place freed by a closed connection");
        await using (third!)
        {
            await third!.SendAsync(new { type = "ping", @ref = "third" });
            (await third.ExpectTypeAsync("pong")).Text("ref").ShouldBe("third");
        }
    }

    [Fact]
    public async Task The_default_cap_is_95_percent_of_the_open_file_limit_the_shell_reports()
    {
        using var shell = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sh", ["-c", "ulimit -n"]) { RedirectStandardOutput = true })!;
        var reported = (await shell.StandardOutput.ReadToEndAsync()).Trim();

        ProcessLimits.OpenFiles().ShouldBe(reported == "unlimited" ? null : long.Parse(reported, CultureInfo.InvariantCulture));
        ConnectionAdmission.DefaultLimit(20_000).ShouldBe(19_000);
        ConnectionAdmission.DefaultLimit(null).ShouldBe(10_000);
        DependencyInjection.DefaultMaxConnections(20_000).ShouldBe(19_744);
        DependencyInjection.DefaultMaxConnections(null).ShouldBeNull();
    }
}

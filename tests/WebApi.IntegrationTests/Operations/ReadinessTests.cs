using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatClean.TestSupport;
using ChatClean.WebApi.IntegrationTests.Realtime;

namespace ChatClean.WebApi.IntegrationTests.Operations;

/// <summary>
/// <c>/health/ready</c> under a running service process while its MariaDB (a private server) and then Redis (the
/// shared one, hence the <see cref="RedisRestart"/> collection) stop and start again: not ready while either is
/// gone, saying which, and ready again without a restart once it is back, with nothing accepted before lost.
/// </summary>
[Collection(nameof(RedisRestart))]
public sealed class ReadinessTests : IAsyncLifetime
{
    private static readonly TimeSpan Flip = TimeSpan.FromSeconds(30);

    private readonly string _data = TestSecrets.NewDataDirectory();
    private PrivateMariaDb _mariaDb = null!;
    private ServiceProcess? _node;

    public async Task InitializeAsync() => _mariaDb = await PrivateMariaDb.CreateAsync();

    public async Task DisposeAsync()
    {
        _node?.Dispose();
        await _mariaDb.DisposeAsync();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public async Task Readiness_follows_mariadb_and_redis_going_away_and_coming_back()
    {
        var settings = TestSecrets.ServiceSettings(_data, _mariaDb.ConnectionString, $"chatclean-test-{Guid.NewGuid():N}");
        settings["Logging:LogLevel:Default"] = "Warning";
        (_node, var address) = await ServiceProcess.StartReadyAsync(typeof(Program).Assembly.Location, settings);
        using var probe = new HttpClient { BaseAddress = address };
        var ready = await ReadyAsync(probe, HttpStatusCode.OK);
        ready.Str("status").ShouldBe("Healthy");
        ready["entries"]!.AsObject().Select(e => e.Key).Order().ShouldBe(["database", "event-store", "projection-lag", "redis"]);

        using var customer = new HttpClient { BaseAddress = address };
        (await customer.PostAsJsonAsync("/api/v1/auth/register", new { username = "ready-customer", password = "customer-password" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        customer.DefaultRequestHeaders.Authorization = new("Bearer", await customer.LoginAsync("ready-customer", "customer-password"));
        var id = (await (await customer.PostAsync("/api/v1/conversations", null)).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");

        await _mariaDb.StopAsync();
        var down = await ReadyAsync(probe, HttpStatusCode.ServiceUnavailable);
        down.Str("status").ShouldBe("Unhealthy");
        down["entries"]!["database"]!.Str("status").ShouldBe("Unhealthy");
        down["entries"]!["event-store"]!.Str("status").ShouldBe("Unhealthy");
        down["entries"]!["redis"]!.Str("status").ShouldBe("Healthy");
        (await probe.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK, "the process lives on");

        await _mariaDb.StartAsync();
        (await ReadyAsync(probe, HttpStatusCode.OK)).Str("status").ShouldBe("Healthy");
        await (await customer.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "still there?", clientMessageId = "r1" })).ShouldHaveStatusAsync(HttpStatusCode.Created);

        await RedisServer.StopAsync();
        try
        {
            var noRedis = await ReadyAsync(probe, HttpStatusCode.ServiceUnavailable);
            noRedis["entries"]!["redis"]!.Str("status").ShouldBe("Unhealthy");
            noRedis["entries"]!["database"]!.Str("status").ShouldBe("Healthy");
        }
        finally
        {
            await RedisServer.StartAsync();
        }

        (await ReadyAsync(probe, HttpStatusCode.OK)).Str("status").ShouldBe("Healthy");
        var messages = await customer.GetFromJsonAsync<JsonObject>($"/api/v1/conversations/{id}/messages");
        messages!["messages"]!.AsArray().Select(m => m!["body"]!.GetValue<string>()).ShouldContain("still there?");
        var logged = _node.Output.Split('\n').Where(l => l.StartsWith('{')).Select(l => JsonNode.Parse(l)!.AsObject()).ToArray();
        logged.Any(l => Field(l, "HealthCheckName") == "database" && Field(l, "HealthStatus") == "Unhealthy").ShouldBeTrue("the failed database check is in the log");
        logged.Any(l => Field(l, "HealthCheckName") == "redis" && Field(l, "HealthStatus") == "Unhealthy").ShouldBeTrue("the failed Redis check is in the log");
    }

    private static string? Field(JsonObject line, string name) => line[name]?.GetValue<string>();

    private static async Task<JsonObject> ReadyAsync(HttpClient probe, HttpStatusCode expected) =>
        (await Eventually.ReturnsAsync(
            async () =>
            {
                using var response = await probe.GetAsync("/health/ready");
                return (response.StatusCode, Body: JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
            },
            r => r.StatusCode == expected,
            Flip,
            $"/health/ready to answer {expected}")).Body;
}

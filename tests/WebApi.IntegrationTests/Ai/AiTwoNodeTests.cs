using System.Net;
using System.Net.Http.Json;
using ChatClean.TestSupport;
using ChatClean.WebApi.IntegrationTests.Realtime;

namespace ChatClean.WebApi.IntegrationTests.Ai;

/// <summary>
/// The reply runs on another node than the customer's socket: node A runs no jobs, so node B answers, and the
/// streamed deltas and the final message reach the customer on A through Redis and the event log.
/// </summary>
[Collection(nameof(RedisRestart))]
public sealed class AiTwoNodeTests : IAsyncLifetime
{
    private readonly List<ServiceProcess> _nodes = [];
    private MariaDbDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestEnvironment.CreateMariaDbDatabaseAsync();
        await _database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            node.Dispose();
        }

        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_customer_on_one_node_sees_the_reply_another_node_writes()
    {
        var prefix = $"chatclean-test-{Guid.NewGuid():N}";
        var a = await StartAsync(prefix, runsJobs: false);
        var b = await StartAsync(prefix, runsJobs: true);

        using (var adminOnB = new HttpClient { BaseAddress = b })
        {
            adminOnB.DefaultRequestHeaders.Authorization = new("Bearer", await adminOnB.LoginAsync(ChatCleanApiFactory.AdminUsername, ChatCleanApiFactory.AdminPassword));
            await (await adminOnB.PostAsJsonAsync("/api/v1/admin/knowledge/documents", new { title = "Returns", content = "Returns are accepted within 30 days of delivery." }))
                .ShouldHaveStatusAsync(HttpStatusCode.Created);
        }

        using var onA = new HttpClient { BaseAddress = a };
        (await onA.PostAsJsonAsync("/api/v1/auth/register", new { username = "ai-two-node", password = "customer-password" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var token = await onA.LoginAsync("ai-two-node", "customer-password");
        onA.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var id = (await (await onA.PostAsync("/api/v1/conversations", null)).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");
        await using var ws = await WsClient.ConnectAsync(a, token);

        var (streamed, message) = await KnowledgeBaseTests.AskAsync(ws, id, "c1", "Within how many days are returns accepted?");

        message.Text("body")!.ShouldContain("Returns are accepted within 30 days of delivery.");
        streamed.ShouldBe(message.Text("body"));
    }

    private async Task<Uri> StartAsync(string prefix, bool runsJobs)
    {
        var settings = TestSecrets.ServiceSettings(TestSecrets.NewDataDirectory(), _database.ConnectionString, prefix);
        settings["Hangfire:Enabled"] = runsJobs ? "true" : "false";
        var (node, address) = await ServiceProcess.StartReadyAsync(typeof(Program).Assembly.Location, settings);
        _nodes.Add(node);
        return address;
    }

}

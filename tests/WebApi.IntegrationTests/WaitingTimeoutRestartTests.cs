using System.Net;
using System.Net.Http.Json;
using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Application.Conversations;
using ChatClean.Domain.Conversations;
using ChatClean.Infrastructure.EventStore;
using ChatClean.Infrastructure.Scheduling;
using ChatClean.TestSupport;
using ChatClean.WebApi.IntegrationTests.Realtime;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatClean.WebApi.IntegrationTests;

/// <summary>
/// Waiting timeouts and AI replies across process deaths: the service runs as separate processes that are killed (SIGKILL) while
/// timeouts are pending. These run alone (after the parallel tests) so that process start-up does not compete with
/// other tests for the two cores while deadlines are measured.
/// </summary>
[Collection(nameof(RedisRestart))]
public sealed class WaitingTimeoutRestartTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan ApiWait = TimeSpan.FromSeconds(20);

    /// <summary>How late a timeout may fire (the schedule poll is 0.5 s): "within a second or two".</summary>
    private static readonly TimeSpan Lateness = TimeSpan.FromSeconds(2);

    private readonly string _prefix = $"chatclean-test-{Guid.NewGuid():N}";
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "chatclean-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<Uri, ServiceProcess> _nodes = [];
    private MariaDbDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestEnvironment.CreateMariaDbDatabaseAsync();

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes.Values)
        {
            node.Dispose();
        }

        await _database.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Pending_timeouts_fire_exactly_once_after_a_restart_the_overdue_ones_at_once()
    {
        var node = await StartAsync(embedded: false);
        var (customer, admin) = await UsersAsync(node);
        var overdue = await WaitingAsync(node, customer, count: 3);
        var pending = await WaitingAsync(node, customer, count: 3, requester: admin);
        await ArmedAsync([.. overdue, .. pending]);

        Kill(node);
        var requested = await RequestTimesAsync(embedded: false, [.. overdue, .. pending]);
        await Task.Delay(requested[overdue[^1]] + Wait + TimeSpan.FromSeconds(1) - DateTimeOffset.UtcNow);

        await StartAsync(embedded: false);
        var ready = DateTimeOffset.UtcNow;
        var timedOut = await TimedOutAsync(embedded: false, [.. overdue, .. pending]);

        foreach (var id in overdue)
        {
            // Its deadline passed while no node ran: it fires as soon as the node is back.
            timedOut[id].At.ShouldBeGreaterThan(requested[id] + Wait);
            (timedOut[id].At - ready).ShouldBeLessThan(Lateness);
        }

        foreach (var id in pending)
        {
            (requested[id] + ApiWait).ShouldBeGreaterThan(ready, "the test needs these deadlines after the restart");
            (timedOut[id].At - (requested[id] + ApiWait)).ShouldBeInRange(TimeSpan.Zero, Lateness);
        }
    }

    [Fact]
    public async Task A_second_node_fires_the_timeouts_of_a_node_that_died_exactly_once()
    {
        var nodeA = await StartAsync(embedded: false);
        var nodeB = await StartAsync(embedded: false);
        var (customer, _) = await UsersAsync(nodeA);
        var ids = await WaitingAsync(nodeA, customer, count: 3);
        using (var onB = Client(nodeB, customer))
        {
            // Requested through B while both nodes follow the log: both arm it, one job exists.
            var id = (await (await onB.PostAsync("/api/v1/conversations")).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");
            await (await onB.PostAsync($"/api/v1/conversations/{id}/human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);
            ids.Add(id);
        }

        await ArmedAsync(ids);
        Kill(nodeA);

        var requested = await RequestTimesAsync(embedded: false, ids);
        var timedOut = await TimedOutAsync(embedded: false, ids);
        foreach (var id in ids)
        {
            (timedOut[id].At - (requested[id] + Wait)).ShouldBeInRange(TimeSpan.Zero, Lateness);
        }
    }

    [Fact]
    public async Task The_embedded_default_rearms_the_timeouts_its_in_memory_job_storage_lost()
    {
        var node = await StartAsync(embedded: true);
        var (customer, _) = await UsersAsync(node);
        var ids = await WaitingAsync(node, customer, count: 3);
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        Kill(node);
        var requested = await RequestTimesAsync(embedded: true, ids);
        await Task.Delay(requested[ids[^1]] + Wait + TimeSpan.FromSeconds(1) - DateTimeOffset.UtcNow);

        await StartAsync(embedded: true);
        var ready = DateTimeOffset.UtcNow;
        var timedOut = await TimedOutAsync(embedded: true, ids);
        foreach (var id in ids)
        {
            (timedOut[id].At - ready).ShouldBeLessThan(Lateness);
        }
    }

    [Fact]
    public async Task A_customer_message_left_unanswered_while_no_node_answered_is_answered_at_start_up()
    {
        var node = await StartAsync(embedded: true, ai: false);
        var (customer, _) = await UsersAsync(node);
        string id;
        using (var client = Client(node, customer))
        {
            id = (await (await client.PostAsync("/api/v1/conversations")).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");
            await (await client.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "Is anybody there?" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        }

        Kill(node);
        node = await StartAsync(embedded: true, ai: true);
        using var again = Client(node, customer);
        var messages = await Eventually.ReturnsAsync(
            async () => (await again.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/v1/conversations/{id}/messages"))!["messages"]!.AsArray(),
            m => m.Count >= 2,
            TimeSpan.FromSeconds(30),
            "the answer after the restart");
        messages.Select(m => m!.Str("sender")).ShouldBe(["customer", "ai"]);
    }

    private async Task<Uri> StartAsync(bool embedded, bool ai = false)
    {
        var settings = embedded
            ? TestSecrets.ServiceSettings(_dataDirectory)
            : TestSecrets.ServiceSettings(_dataDirectory, _database.ConnectionString, _prefix);
        settings["Ai:Enabled"] = ai ? "true" : "false";
        settings["Conversations:WaitingTimeout"] = Wait.ToString();
        settings["Conversations:WaitingTimeoutByReason:api"] = ApiWait.ToString();
        if (embedded)
        {
            settings["ConnectionStrings:Sqlite"] = $"Data Source={SqlitePath}";
        }

        var (node, address) = await ServiceProcess.StartReadyAsync(typeof(Program).Assembly.Location, settings);
        _nodes[address] = node;
        return address;
    }

    private string SqlitePath => Path.Combine(_dataDirectory, "chatclean.db");

    private void Kill(Uri address) => _nodes[address].Kill();

    private static HttpClient Client(Uri node, string token) =>
        new() { BaseAddress = node, DefaultRequestHeaders = { Authorization = new("Bearer", token) } };

    private static async Task<(string Customer, string Admin)> UsersAsync(Uri node)
    {
        using var anonymous = new HttpClient { BaseAddress = node };
        var username = $"cust-{Guid.NewGuid():N}"[..20];
        (await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { username, password = "customer-password" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await anonymous.LoginAsync(username, "customer-password"), await anonymous.LoginAsync(ChatCleanApiFactory.AdminUsername, ChatCleanApiFactory.AdminPassword));
    }


    /// <summary>Conversations of the customer, each put in waiting by <paramref name="requester"/> (by default the customer; an admin's request has reason api).</summary>
    private static async Task<List<string>> WaitingAsync(Uri node, string customer, int count, string? requester = null)
    {
        using var owner = Client(node, customer);
        using var requesting = Client(node, requester ?? customer);
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var id = (await (await owner.PostAsync("/api/v1/conversations")).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");
            await (await requesting.PostAsync($"/api/v1/conversations/{id}/human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);
            ids.Add(id);
        }

        return ids;
    }

    /// <summary>Waits until every episode has its job in the shared Redis job storage.</summary>
    private async Task ArmedAsync(IEnumerable<string> ids)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestEnvironment.Redis);
        foreach (var id in ids)
        {
            var key = $"{_prefix}:hangfire:{HangfireJobScheduler.WaitingTimeoutKey(Guid.Parse(id), 1)}";
            await Eventually.ReturnsAsync(() => redis.GetDatabase().HashExistsAsync(key, "job"), armed => armed, what: $"the job of {id}");
        }
    }

    private SqlEventStore Store(bool embedded) => embedded
        ? new SqliteEventStore($"Data Source={SqlitePath}", Options.Create(new EventStoreOptions()), new AppendSignal(), TimeProvider.System, NullLogger<SqliteEventStore>.Instance)
        : new MySqlEventStore(_database.ConnectionString, Options.Create(new EventStoreOptions()), new AppendSignal(), TimeProvider.System, NullLogger<MySqlEventStore>.Instance);

    private static async Task<IReadOnlyList<IConversationEvent>> EventsAsync(IEventStore store, string id)
    {
        var events = new List<IConversationEvent>();
        await foreach (var stored in store.ReadStreamToEndAsync(new ConversationId(Guid.Parse(id)).StreamName, 1, CancellationToken.None))
        {
            events.Add(stored.Event);
        }

        return events;
    }

    private async Task<Dictionary<string, DateTimeOffset>> RequestTimesAsync(bool embedded, IReadOnlyList<string> ids)
    {
        await using var store = Store(embedded);
        var times = new Dictionary<string, DateTimeOffset>();
        foreach (var id in ids)
        {
            times[id] = (await EventsAsync(new ConversationEventStore(store), id)).OfType<HumanRequested>().Single().At;
        }

        return times;
    }

    /// <summary>Waits until every conversation has timed out, and checks it did so exactly once.</summary>
    private async Task<Dictionary<string, TimedOutToAi>> TimedOutAsync(bool embedded, IReadOnlyList<string> ids)
    {
        await using var store = Store(embedded);
        var result = new Dictionary<string, TimedOutToAi>();
        foreach (var id in ids)
        {
            var events = await Eventually.ReturnsAsync(
                () => EventsAsync(new ConversationEventStore(store), id), e => e.OfType<TimedOutToAi>().Any(), TimeSpan.FromSeconds(60), $"the timeout of {id}");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
            events = await EventsAsync(new ConversationEventStore(store), id);
            events.OfType<TimedOutToAi>().Count().ShouldBe(1, $"conversation {id} timed out once");
            events.OfType<MessagePosted>().Count(m => m.Sender == SenderKind.System).ShouldBe(1);
            result[id] = events.OfType<TimedOutToAi>().Single();
        }

        return result;
    }
}

using System.Net;
using System.Net.Http.Json;
using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Infrastructure.EventStore;
using ChatClean.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatClean.WebApi.IntegrationTests;

/// <summary>Read models are a pure function of the log: a rebuild from position 0, or a runner killed and restarted, gives the same rows.</summary>
public sealed class ReadModelRebuildTests(ReadModelRebuildTests.Api api) : IClassFixture<ReadModelRebuildTests.Api>
{
    /// <summary>The service without waiting timeouts: the workloads are days old and every waiting episode would time out at once.</summary>
    public sealed class Api : ChatCleanApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => [new("Hangfire:Enabled", "false")];
    }

    [Fact]
    public async Task Rebuilding_from_position_0_gives_exactly_the_rows_of_the_live_projection()
    {
        var store = api.Services.GetRequiredService<IEventStore>();
        var workload = ConversationWorkload.Generate(seed: 42, conversations: 300, agents: 5, DateTimeOffset.UtcNow.AddDays(-3));
        await ConversationWorkload.AppendAsync(store, workload);
        using var customer = await api.RegisterCustomerAsync();
        using var agent = await api.CreateStaffAsync("agent");
        var id = (await (await customer.Http.PostJsonAsync("/api/v1/conversations", new { })).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");
        await (await customer.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "over HTTP too" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await agent.Http.PostAsync($"/api/v1/conversations/{id}/takeover")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await CaughtUpAsync(api.Database.ConnectionString, store);

        var live = await ReadModelSnapshot.TakeAsync(api.Database.ConnectionString);
        live["rm_messages"].Length.ShouldBeGreaterThan(500);
        live["rm_waiting_episodes"].Length.ShouldBeGreaterThan(50);
        live["rm_agent_sessions"].Length.ShouldBeGreaterThan(20);

        using var admin = await api.AdminAsync();
        (await admin.Http.PostAsync("/api/v1/admin/read-models/rebuild")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await Eventually.ReturnsAsync(() => ReadModelSnapshot.CheckpointAsync(api.Database.ConnectionString), c => c < 100, what: "the reset");
        await CaughtUpAsync(api.Database.ConnectionString, store);

        var rebuilt = await ReadModelSnapshot.TakeAsync(api.Database.ConnectionString);
        foreach (var table in live.Keys)
        {
            rebuilt[table].ShouldBe(live[table], $"table {table}");
        }
    }

    [Fact]
    public async Task A_runner_killed_mid_stream_and_restarted_leaves_the_read_models_equal_to_a_rebuild()
    {
        await using var killed = await TestEnvironment.CreateMariaDbDatabaseAsync();
        await using var rebuilt = await TestEnvironment.CreateMariaDbDatabaseAsync();
        await killed.MigrateAsync();
        await rebuilt.MigrateAsync();
        await using (var store = Store(killed))
        {
            await ConversationWorkload.AppendAsync(new ConversationEventStore(store), ConversationWorkload.Generate(seed: 7, conversations: 2500, agents: 8, DateTimeOffset.UtcNow.AddDays(-2)));
        }

        var head = await killed.ScalarAsync<long>("SELECT last_position FROM es_log_head");
        head.ShouldBeGreaterThan(10_000);

        var kills = 0;
        while (true)
        {
            using var node = ServiceProcess.Start(typeof(Program).Assembly.Location, Settings(killed));
            var before = await ReadModelSnapshot.CheckpointAsync(killed.ConnectionString);
            var reached = await Eventually.ReturnsAsync(
                () => ReadModelSnapshot.CheckpointAsync(killed.ConnectionString),
                c => c >= head || c >= before + (head / 4),
                TimeSpan.FromSeconds(120),
                what: $"projection progress; output: {node.Output}");
            if (reached >= head)
            {
                break;
            }

            node.Kill();
            kills++;
        }

        kills.ShouldBeGreaterThanOrEqualTo(2, "the runner was killed mid-stream at least twice");

        await rebuilt.ExecuteAsync($"INSERT INTO es_events SELECT * FROM `{killed.Name}`.es_events");
        await rebuilt.ExecuteAsync($"UPDATE es_log_head h JOIN `{killed.Name}`.es_log_head k ON k.id = h.id SET h.last_position = k.last_position, h.last_hash = k.last_hash");
        using (ServiceProcess.Start(typeof(Program).Assembly.Location, Settings(rebuilt)))
        {
            await Eventually.ReturnsAsync(() => ReadModelSnapshot.CheckpointAsync(rebuilt.ConnectionString), c => c >= head, TimeSpan.FromSeconds(120), "the rebuild");
        }

        var afterKills = await ReadModelSnapshot.TakeAsync(killed.ConnectionString);
        var fromScratch = await ReadModelSnapshot.TakeAsync(rebuilt.ConnectionString);
        foreach (var table in fromScratch.Keys)
        {
            afterKills[table].ShouldBe(fromScratch[table], $"table {table}");
        }
    }

    private static async Task CaughtUpAsync(string connectionString, IEventStore store)
    {
        var head = await store.ReadHeadPositionAsync(default);
        await Eventually.ReturnsAsync(() => ReadModelSnapshot.CheckpointAsync(connectionString), c => c >= head, TimeSpan.FromSeconds(60), "the projection");
    }

    private static MySqlEventStore Store(MariaDbDatabase database) =>
        new(database.ConnectionString, Options.Create(new EventStoreOptions()), new AppendSignal(), TimeProvider.System, NullLogger<MySqlEventStore>.Instance);

    private static Dictionary<string, string> Settings(MariaDbDatabase database)
    {
        var settings = TestSecrets.ServiceSettings(TestSecrets.NewDataDirectory(), database.ConnectionString);

        // The workloads are days old: their waiting episodes would all time out at once and change the log under the comparison.
        settings["Hangfire:Enabled"] = "false";
        return settings;
    }
}

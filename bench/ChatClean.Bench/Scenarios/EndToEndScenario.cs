using System.Diagnostics;
using System.Net.Http.Json;
using ChatClean.TestSupport;

namespace ChatClean.Bench;

/// <summary>
/// What users feel: customers and agents on WebSockets (spread over several 127.0.0.x source addresses) talking
/// through the real service (its own process or processes, MariaDB + Redis, the built-in AI and jobs on). In human
/// mode each customer talks to an agent who answers every message; in AI mode the built-in AI answers. Measured:
/// messages/s at peak (a closed loop: every conversation has one message in flight), then send → delivered latency
/// at half of that rate (paced), with what each message cost the service (CPU, allocations, SQL statements, commits,
/// Redis commands); and the AI's question → answer time. With two nodes, customers are on one and agents on the
/// other. Baseline: raw durable INSERTs from 64 connections, measured on the same server just before.
/// Goals (issue 16): peak ≥ 0.5× the baseline; p99 ≤ 20 ms at half of peak.
/// </summary>
public sealed class EndToEndScenario(int nodes) : IScenario
{
    public string Name => nodes == 1 ? "end-to-end" : "two-nodes";

    public bool InQuickRun => nodes == 1;

    public async Task RunAsync(BenchContext context)
    {
        var customerCount = context.Number("--customers", 200, 4);
        var agentCount = context.Number("--agents", 20, 2);
        var aiCount = context.Number("--ai-customers", 20, 2);
        await using var database = await TestEnvironment.CreateMariaDbDatabaseAsync();
        await context.Report.ReadServerSettingsAsync(database.ConnectionString);
        await RawInserts.CreateTableAsync(database.ConnectionString);

        var settings = BenchService.Live(database.ConnectionString);
        var services = new List<(ServiceProcess Node, Uri Address)>();
        try
        {
            for (var i = 0; i < nodes; i++)
            {
                services.Add(await ServiceProcess.StartReadyAsync(context.WebApiDll, settings));
            }

            var (customerNode, agentNode) = (services[0].Address, services[^1].Address);
            Console.WriteLine($"# {customerCount} customers and {agentCount} agents in human mode, {aiCount} customers in AI mode, {nodes} node(s)");
            var load = new ChatLoad();
            var (human, ai, users) = await SetUpAsync(load, customerNode, agentNode, customerCount, agentCount, aiCount);
            try
            {
                var baseline = await RawInserts.MeasureAsync(database.ConnectionString, 64, context.Point);
                await MeasureAsync(context, load, human, ai, baseline, services.Select(s => (s.Node.ProcessId, s.Address)).ToArray(), database.ConnectionString);
            }
            finally
            {
                await Task.WhenAll(human.Concat(ai).SelectMany(c => new[] { c.Customer, c.Agent }).OfType<BenchSocket>().Distinct().Select(s => s.DisposeAsync().AsTask()));
                foreach (var user in users)
                {
                    user.Dispose();
                }
            }
        }
        finally
        {
            foreach (var (node, _) in services)
            {
                node.Dispose();
            }
        }
    }

    private async Task MeasureAsync(
        BenchContext context, ChatLoad load, LoadConversation[] human, LoadConversation[] ai, Throughput baseline,
        IReadOnlyList<(int, Uri)> nodeProcesses, string mySql)
    {
        var warmUp = TimeSpan.FromSeconds(context.Quick ? 0.5 : 2);

        // Peak: every conversation keeps one message in flight.
        load.StartClosedLoop(human);
        await Task.Delay(warmUp);
        var peakFrom = Stopwatch.GetTimestamp();
        await Task.Delay(context.Point);
        var peakTo = Stopwatch.GetTimestamp();
        load.Stop();
        await Task.Delay(TimeSpan.FromSeconds(1));
        var (peak, peakLatencies) = load.Window(peakFrom, peakTo);
        context.Report.Add(new Figure(
            Name, $"human mode, peak ({human.Length} conversations, one message in flight each)", peak, "messages/s", "raw INSERT at 64", baseline.PerSecond, 0.5,
            new Dictionary<string, double>
            {
                ["p50Ms"] = Throughput.Rank(peakLatencies, 0.5), ["p99Ms"] = Throughput.Rank(peakLatencies, 0.99), ["errors"] = load.Errors,
            }));

        // Half of peak, paced: latency, and what each message costs.
        var rate = Math.Max(1, peak / 2);
        var pacing = load.PaceAsync(human, rate / 2, warmUp + context.Point);
        await Task.Delay(warmUp);
        var before = await ResourceCounters.TakeAsync(nodeProcesses, mySql);
        var halfFrom = Stopwatch.GetTimestamp();
        await Task.Delay(context.Point);
        var halfTo = Stopwatch.GetTimestamp();
        var cost = await ResourceCounters.TakeAsync(nodeProcesses, mySql) - before;
        await pacing;
        load.Stop();
        await Task.Delay(TimeSpan.FromSeconds(1));
        var (achieved, latencies) = load.Window(halfFrom, halfTo);
        var detail = new Dictionary<string, double>
        {
            ["targetPerSecond"] = rate, ["achievedPerSecond"] = achieved, ["p50Ms"] = Throughput.Rank(latencies, 0.5),
            ["p99Ms"] = Throughput.Rank(latencies, 0.99), ["p999Ms"] = Throughput.Rank(latencies, 0.999), ["maxMs"] = latencies.Length > 0 ? latencies[^1] : 0,
            ["errors"] = load.Errors,
        };
        foreach (var (key, value) in cost.Per(Math.Max(1, achieved * Stopwatch.GetElapsedTime(halfFrom, halfTo).TotalSeconds), "Message"))
        {
            detail[key] = value;
        }

        context.Report.Add(new Figure(Name, $"human mode at half of peak ({rate:N0}/s): send → delivered p99", Throughput.Rank(latencies, 0.99), "ms", Detail: detail, Ceiling: 20));
        if (load.FirstError is { } error)
        {
            Console.WriteLine($"# first error: {error}");
        }

        // AI mode: one question in flight per conversation, answered by the built-in AI through its reply jobs.
        if (ai.Length > 0)
        {
            load.StartClosedLoop(ai, ChatLoad.LoadMode.AiClosedLoop);
            await Task.Delay(warmUp);
            var aiFrom = Stopwatch.GetTimestamp();
            await Task.Delay(context.Point);
            var aiTo = Stopwatch.GetTimestamp();
            load.Stop();
            var (answers, aiLatencies) = load.Window(aiFrom, aiTo);
            context.Report.Add(new Figure(
                Name, $"AI mode ({ai.Length} conversations): question → AI answer delivered p50", Throughput.Rank(aiLatencies, 0.5), "ms",
                Detail: new Dictionary<string, double>
                {
                    ["answersPerSecond"] = answers, ["p99Ms"] = Throughput.Rank(aiLatencies, 0.99), ["handedToHuman"] = load.Stalled,
                }));
        }
    }

    /// <summary>Accounts, conversations (human ones taken over by their agent) and a socket per user, each following its conversations.</summary>
    private static async Task<(LoadConversation[] Human, LoadConversation[] Ai, List<BenchUser> Users)> SetUpAsync(
        ChatLoad load, Uri customerNode, Uri agentNode, int customerCount, int agentCount, int aiCount)
    {
        var users = new List<BenchUser>();
        using var admin = await BenchUsers.AdminAsync(customerNode);
        await BenchUsers.ExpectAsync(await admin.Http.PostAsJsonAsync("/api/v1/admin/knowledge/documents", new
        {
            title = "Parcel delivery",
            content = "Parcels arrive within three to five working days after dispatch. Track your parcel with the link in the dispatch email.",
        }));
        var agents = await BenchUsers.ManyAsync(agentCount, _ => BenchUsers.AgentAsync(agentNode, admin));
        var customers = await BenchUsers.ManyAsync(customerCount + aiCount, _ => BenchUsers.CustomerAsync(customerNode));
        users.AddRange(agents);
        users.AddRange(customers);

        var connection = 0;
        var agentSockets = await BenchUsers.ManyAsync(agentCount, i =>
            BenchSocket.ConnectAsync(agentNode, agents[i].Token, BenchSocket.Source(Interlocked.Increment(ref connection)), load.OnFrame, i));
        var human = await BenchUsers.ManyAsync(customerCount, async i =>
        {
            var (customer, agent) = (customers[i], agents[i % agentCount]);
            var id = Guid.Parse((await BenchUsers.ExpectAsync(await customer.Http.PostAsJsonAsync("/api/v1/conversations", new { subject = "parcel" })))["id"]!.GetValue<string>());
            await BenchUsers.ExpectAsync(await customer.Http.PostAsync($"/api/v1/conversations/{id}/human-request", null));
            var version = (await BenchUsers.ExpectAsync(await agent.Http.PostAsync($"/api/v1/conversations/{id}/takeover", null)))["version"]!.GetValue<long>();
            var socket = await BenchSocket.ConnectAsync(customerNode, customer.Token, BenchSocket.Source(Interlocked.Increment(ref connection)), load.OnFrame, i);
            var conversation = new LoadConversation(i, id, socket, agentSockets[i % agentCount]);
            load.Add(conversation);
            await FollowAsync(socket, id, version);
            await FollowAsync(conversation.Agent!, id, version);
            return conversation;
        });
        var ai = await BenchUsers.ManyAsync(aiCount, async i =>
        {
            var customer = customers[customerCount + i];
            var created = await BenchUsers.ExpectAsync(await customer.Http.PostAsJsonAsync("/api/v1/conversations", new { subject = "parcel" }));
            var id = Guid.Parse(created["id"]!.GetValue<string>());
            var socket = await BenchSocket.ConnectAsync(customerNode, customer.Token, BenchSocket.Source(Interlocked.Increment(ref connection)), load.OnFrame, i);
            var conversation = new LoadConversation(customerCount + i, id, socket, null);
            load.Add(conversation);
            await FollowAsync(socket, id, created["version"]!.GetValue<long>());
            return conversation;
        });

        // Give the resumes a moment to be answered before the load starts.
        await Task.Delay(TimeSpan.FromSeconds(1));
        return (human, ai, users);
    }

    private static Task FollowAsync(BenchSocket socket, Guid conversationId, long afterSeq) =>
        socket.SendAsync(FrameFields.Utf8($$"""{"type":"resume","conversationId":"{{conversationId}}","afterSeq":{{afterSeq}}}"""));
}

using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Infrastructure.EventStore;
using ChatClean.TestSupport;
using MySqlConnector;

namespace ChatClean.Bench;

/// <summary>
/// The admin read path at scale: seeds conversations through the real event store, lets the real service project
/// them, then times the admin endpoints over HTTP, each beside <c>GET /health/live</c> on the same server.
/// </summary>
public sealed class AdminReadsScenario : IScenario
{
    public string Name => "admin-reads";

    public bool InQuickRun => false;

    public async Task RunAsync(BenchContext context)
    {
        var conversations = context.Number("--conversations", 100_000, 2_000);
        var messages = context.Number("--messages", 10, 10);
        var customersCount = context.Number("--customers", 20_000, 500);
        var webApiDll = context.WebApiDll;
        var keep = context.Flag("--keep");
        var database = await TestEnvironment.CreateMariaDbDatabaseAsync();
        try
        {
            Console.WriteLine($"# ChatClean admin read benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, database {database.Name}");
            Console.WriteLine($"# {conversations:N0} conversations, {messages} messages each, {customersCount:N0} customers");
            await database.MigrateAsync();
        
            var customers = Enumerable.Range(0, customersCount).Select(_ => Guid.NewGuid()).ToArray();
            var agents = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()).ToArray();
            await InsertUsersAsync(database.ConnectionString, customers, "customer");
            await InsertUsersAsync(database.ConnectionString, agents, "agent");
        
            await RawInserts.CreateTableAsync(database.ConnectionString);
            var insertBaseline = (await RawInserts.MeasureAsync(database.ConnectionString, 32, context.Point)).PerSecond;
            var (events, appendSeconds) = await Seeder.SeedAsync(database.ConnectionString, new Seeder(conversations, messages, customers, agents, DateTimeOffset.UtcNow));
            var appendRate = events / appendSeconds;
            Console.WriteLine($"seeded {events:N0} events in {appendSeconds:F1} s: {appendRate:N0} events/s through the event store (32 writers, one append per conversation)");
            context.Report.Add(new Figure(Name, "seeding: whole conversations per append, 32 writers", appendRate, "events/s", "raw INSERT at 32", insertBaseline));
        
            var port = Ports.Free();
            // The benchmark measures the store, the projection and the admin endpoints: no AI replies, timers or rate limits in the way.
            using var service = ServiceProcess.Start(webApiDll, BenchService.Settings(database.ConnectionString), $"http://127.0.0.1:{port}");
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
        
            var projecting = Stopwatch.StartNew();
            var head = await ScalarAsync<long>(database.ConnectionString, "SELECT last_position FROM es_log_head");
            while (await ReadModelSnapshot.CheckpointAsync(database.ConnectionString) < head)
            {
                if (service.HasExited)
                {
                    throw new InvalidOperationException($"The service stopped:\n{service.Output}");
                }
        
                await Task.Delay(500);
            }
        
            context.Report.Add(new Figure(Name, "projection of the whole log (every read model from position 0)", head / projecting.Elapsed.TotalSeconds, "events/s"));
            Console.WriteLine($"  read models: {await ScalarAsync<long>(database.ConnectionString, "SELECT COUNT(*) FROM rm_conversations"):N0} conversations, " +
                $"{await ScalarAsync<long>(database.ConnectionString, "SELECT COUNT(*) FROM rm_messages"):N0} messages");
        
            var login = await (await http.PostAsJsonAsync("/api/v1/auth/login", new { username = "bench-admin", password = "bench-admin-password" })).Content.ReadFromJsonAsync<JsonObject>();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login!["accessToken"]!.GetValue<string>());
        
            var ids = await ColumnAsync(database.ConnectionString, "SELECT id FROM rm_conversations ORDER BY started_at LIMIT 200");
            var busyCustomer = await ScalarAsync<string>(database.ConnectionString, "SELECT customer_id FROM rm_conversations GROUP BY customer_id ORDER BY COUNT(*) DESC LIMIT 1");
            var busyAgent = await ScalarAsync<string>(database.ConnectionString, "SELECT agent_id FROM rm_conversations WHERE agent_id IS NOT NULL GROUP BY agent_id ORDER BY COUNT(*) DESC LIMIT 1");
            var yesterday = DateTimeOffset.UtcNow.Date.AddDays(-1);
            string Day(DateTimeOffset from, int days) => $"from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(from.AddDays(days).ToString("O"))}";
            string cursor = (await GetAsync(http, "/api/v1/admin/conversations?limit=50"))["nextCursor"]!.GetValue<string>();
        
            var baseline = await Latency.OfAsync("GET /health/live (baseline)", _ => GetAsync(http, "/health/live", json: false));
            var results = new List<Latency>
            {
                baseline,
                await Latency.OfAsync("conversations, newest 50", _ => GetAsync(http, "/api/v1/admin/conversations?limit=50")),
                await Latency.OfAsync("conversations, second keyset page", _ => GetAsync(http, $"/api/v1/admin/conversations?limit=50&cursor={cursor}")),
                await Latency.OfAsync("conversations, mode=closed", _ => GetAsync(http, "/api/v1/admin/conversations?mode=closed&limit=50")),
                await Latency.OfAsync("conversations, one customer", _ => GetAsync(http, $"/api/v1/admin/conversations?customerId={busyCustomer}")),
                await Latency.OfAsync("conversations, one agent", _ => GetAsync(http, $"/api/v1/admin/conversations?agentId={busyAgent}&limit=50")),
                await Latency.OfAsync("conversations, time range (1 day)", _ => GetAsync(http, $"/api/v1/admin/conversations?{Day(yesterday, 1)}&limit=50")),
                await Latency.OfAsync("conversations, text (rare word)", i => GetAsync(http, $"/api/v1/admin/conversations?q={10000 + i}&limit=50")),
                await Latency.OfAsync("conversations, text (two common words)", _ => GetAsync(http, "/api/v1/admin/conversations?q=invoice%20refund&limit=50")),
                await Latency.OfAsync("conversations, text (common words and a rare one)", i => GetAsync(http, $"/api/v1/admin/conversations?q=invoice%20number%20{20000 + i}&limit=50"), calls: 10, warmup: 1),
                await Latency.OfAsync("conversation detail + transcript (uncached)", i => GetAsync(http, $"/api/v1/admin/conversations/{ids[i]}"), calls: 40),
                await Latency.OfAsync("conversation detail + transcript (cached)", _ => GetAsync(http, $"/api/v1/admin/conversations/{ids[0]}")),
                await Latency.OfAsync("users, search", i => GetAsync(http, $"/api/v1/admin/users?q={customers[i].ToString()[..4]}")),
                await Latency.OfAsync("customers, page 10", _ => GetAsync(http, "/api/v1/admin/customers?page=10&pageSize=50")),
                await Latency.OfAsync("customer's conversations", _ => GetAsync(http, $"/api/v1/admin/customers/{busyCustomer}/conversations")),
                await Latency.OfAsync("agent queue", _ => GetAsync(http, "/api/v1/agent/queue")),
                await Latency.OfAsync("analytics summary, closed day (first call uncached)", i => GetAsync(http, $"/api/v1/admin/analytics/summary?{Day(yesterday.AddDays(-i), 1)}"), calls: 20),
                await Latency.OfAsync("analytics summary, closed day (cached)", _ => GetAsync(http, $"/api/v1/admin/analytics/summary?{Day(yesterday, 1)}")),
                await Latency.OfAsync("analytics summary, 30 days (uncached)", i => GetAsync(http, $"/api/v1/admin/analytics/summary?{Day(yesterday.AddDays(-29).AddSeconds(i), 30)}"), calls: 5, warmup: 1),
                await Latency.OfAsync("analytics summary, 30 days (cached)", _ => GetAsync(http, $"/api/v1/admin/analytics/summary?{Day(yesterday.AddDays(-29), 30)}")),
                await Latency.OfAsync("analytics timeseries, 30 days by day (cached)", _ => GetAsync(http, $"/api/v1/admin/analytics/timeseries?{Day(yesterday.AddDays(-29), 30)}&bucket=day"), warmup: 1),
                await Latency.OfAsync("analytics agents, closed day", _ => GetAsync(http, $"/api/v1/admin/analytics/agents?{Day(yesterday, 1)}")),
                await Latency.OfAsync("analytics daily, 30 days", _ => GetAsync(http, "/api/v1/admin/analytics/daily")),
            };
        
            foreach (var r in results.Skip(1))
            {
                // Goal (issue 16): p95 ≤ 50 ms for every endpoint at 100k conversations / 1M messages.
                context.Report.Add(new Figure(
                    Name, r.Name, r.P95Ms, "ms p95", "GET /health/live p95", baseline.P95Ms,
                    Detail: new Dictionary<string, double> { ["calls"] = r.Calls, ["p50Ms"] = r.P50Ms, ["p90Ms"] = r.P90Ms, ["maxMs"] = r.MaxMs },
                    Ceiling: 50));
            }
        }
        finally
        {
            if (keep)
            {
                Console.WriteLine($"kept database {database.Name}");
            }
            else
            {
                await database.DisposeAsync();
            }
        }
    }

    private static async Task<JsonNode> GetAsync(HttpClient http, string path, bool json = true)
    {
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {body}");
        }
    
        return json ? JsonNode.Parse(body)! : new JsonObject();
    }
    
    private static async Task InsertUsersAsync(string connectionString, Guid[] ids, string role)
    {
        // Pre-hashed password ("password"), so that seeding does not spend minutes in bcrypt.
        const string Hash = "$2a$04$QfXh5y2Vx6a1bMXoV8w8u.lFJ4W3W7T0GtYqgW1G3b0J1y0f3lqzS";
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var chunk in ids.Chunk(1000))
        {
            var sql = new StringBuilder("INSERT INTO users (id, username, display_name, role, password_hash, is_disabled, created_at) VALUES ");
            sql.AppendJoin(',', chunk.Select(id => $"('{id}', '{role}-{id:N}', '{role} {id.ToString()[..8]}', '{role}', '{Hash}', 0, UTC_TIMESTAMP(6))"));
            await using var command = new MySqlCommand(sql.ToString(), connection);
            await command.ExecuteNonQueryAsync();
        }
    }
    
    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        var value = (await command.ExecuteScalarAsync())!;
        return typeof(T) == typeof(string)
            ? (T)(object)Convert.ToString(value, CultureInfo.InvariantCulture)!
            : (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture);
    }
    
    private static async Task<string[]> ColumnAsync(string connectionString, string sql)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        }
    
        return [.. values];
    }
}

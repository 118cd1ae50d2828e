using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatClean.TestSupport;

namespace ChatClean.Bench;

/// <summary>
/// What one command costs on a long conversation: the real service (its own process, MariaDB + Redis) gets a
/// conversation of <c>--history</c> messages and a fresh one, and the same commands are timed on both, interleaved.
/// The fresh conversation is the same-run baseline, so the ratio says how much a long history slows a command down.
/// </summary>
public sealed class CommandCostScenario : IScenario
{
    public string Name => "command-cost";

    public bool InQuickRun => false;

    public async Task RunAsync(BenchContext context)
    {
        var webApiDll = context.WebApiDll;
        var history = context.Number("--history", 1000, 100);
        var calls = context.Number("--calls", 100, 10);
        await using var database = await TestEnvironment.CreateMariaDbDatabaseAsync();
        Console.WriteLine($"# ChatClean command cost — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, database {database.Name}");
        Console.WriteLine($"# a conversation of {history:N0} messages against a fresh one, {calls} calls each, sequential, one client");

        var (service, address) = await ServiceProcess.StartReadyAsync(webApiDll, BenchService.Settings(database.ConnectionString));
        using var node = service;
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
        await SignInAsync(http);

        var longId = await StartAsync(http);
        for (var i = 0; i < history; i++)
        {
            await PostAsync(http, longId, $"history {i}");
        }

        var shortId = await StartAsync(http);
        await PostAsync(http, shortId, "hello");

        var rows = new List<(string Name, Latency Long, Latency Short)>();
        async Task Compare(string name, Func<Guid, int, Task> call)
        {
            var onLong = await Latency.OfAsync(name, i => call(longId, i), calls);
            var onShort = await Latency.OfAsync(name, i => call(shortId, i), calls);
            rows.Add((name, onLong, onShort));
        }

        await Compare("POST message", (id, i) => PostAsync(http, id, $"timed {i}"));
        await Compare("POST human-request + cancel", async (id, _) =>
        {
            await ExpectOkAsync(await http.PostAsync($"/api/v1/conversations/{id}/human-request", null));
            await ExpectOkAsync(await http.PostAsync($"/api/v1/conversations/{id}/cancel-human-request", null));
        });
        await Compare("GET conversation", async (id, _) => await ExpectOkAsync(await http.GetAsync($"/api/v1/conversations/{id}")));
        await Compare("GET messages (last 20)", async (id, _) =>
        {
            var version = (await GetJsonAsync(http, $"/api/v1/conversations/{id}"))["version"]!.GetValue<long>();
            await ExpectOkAsync(await http.GetAsync($"/api/v1/conversations/{id}/messages?afterSeq={Math.Max(0, version - 20)}&limit=20"));
        });

        foreach (var (name, onLong, onShort) in rows)
        {
            context.Report.Add(new Figure(
                Name, $"{name} on a {history}-message conversation", onLong.P50Ms, "ms p50", "the same on a fresh one", onShort.P50Ms,
                Detail: new Dictionary<string, double> { ["p90Ms"] = onLong.P90Ms, ["freshP90Ms"] = onShort.P90Ms, ["calls"] = onLong.Calls }));
        }
    }

    private static async Task SignInAsync(HttpClient http)
    {
        var credentials = new { username = $"bench-{Guid.NewGuid():N}"[..30], password = "bench-customer-password" };
        await ExpectOkAsync(await http.PostAsJsonAsync("/api/v1/auth/register", credentials));
        var login = await (await http.PostAsJsonAsync("/api/v1/auth/login", credentials)).Content.ReadFromJsonAsync<JsonObject>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login!["accessToken"]!.GetValue<string>());
    }

    private static async Task<Guid> StartAsync(HttpClient http) =>
        Guid.Parse((await (await http.PostAsJsonAsync("/api/v1/conversations", new { subject = "bench" })).Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());

    private static async Task PostAsync(HttpClient http, Guid id, string body) =>
        await ExpectOkAsync(await http.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { body, clientMessageId = Guid.NewGuid().ToString("N") }));

    private static async Task<JsonNode> GetJsonAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        await ExpectOkAsync(response);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static async Task ExpectOkAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: " +
                await response.Content.ReadAsStringAsync());
        }
    }
}

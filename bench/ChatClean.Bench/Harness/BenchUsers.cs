using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ChatClean.Bench;

/// <summary>A signed-in user of the service under test: their id, their access token and an HTTP client that sends it.</summary>
public sealed record BenchUser(Guid Id, string Token, HttpClient Http) : IDisposable
{
    public void Dispose() => Http.Dispose();
}

/// <summary>The accounts a scenario needs, made through the public API: customers register, agents are made by the bootstrap admin.</summary>
public static class BenchUsers
{
    public const string AdminUsername = "bench-admin";
    public const string AdminPassword = "bench-admin-password";
    private const string Password = "bench-user-password";

    public static Task<BenchUser> AdminAsync(Uri server) => LoginAsync(server, AdminUsername, AdminPassword);

    public static async Task<BenchUser> CustomerAsync(Uri server)
    {
        var username = $"c{Guid.NewGuid():N}"[..24];
        using var http = new HttpClient { BaseAddress = server };
        await ExpectAsync(await http.PostAsJsonAsync("/api/v1/auth/register", new { username, password = Password }));
        return await LoginAsync(server, username, Password);
    }

    public static async Task<BenchUser> AgentAsync(Uri server, BenchUser admin)
    {
        var username = $"a{Guid.NewGuid():N}"[..24];
        await ExpectAsync(await admin.Http.PostAsJsonAsync("/api/v1/admin/users", new { username, password = Password, role = "agent" }));
        return await LoginAsync(server, username, Password);
    }

    /// <summary>Runs <paramref name="make"/> <paramref name="count"/> times, a few at once.</summary>
    public static async Task<T[]> ManyAsync<T>(int count, Func<int, Task<T>> make, int parallel = 8)
    {
        var made = new T[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, _) => made[i] = await make(i));
        return made;
    }

    public static async Task<JsonObject> ExpectAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}");
            }

            return body.Length > 0 && JsonNode.Parse(body) is JsonObject json ? json : [];
        }
    }

    private static async Task<BenchUser> LoginAsync(Uri server, string username, string password)
    {
        var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromMinutes(2) };
        var login = await ExpectAsync(await http.PostAsJsonAsync("/api/v1/auth/login", new { username, password }));
        var token = login["accessToken"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new BenchUser(Guid.Parse(login["user"]!["id"]!.GetValue<string>()), token, http);
    }
}

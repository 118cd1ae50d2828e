using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatClean.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ChatClean.WebApi.IntegrationTests;

/// <summary>
/// The real service on Kestrel (127.0.0.1, a free port), with its own MariaDB database, or SQLite for the
/// embedded mode. Tests talk to it over real HTTP with plain JSON, as any client would.
/// </summary>
public class ChatCleanApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminUsername = TestSecrets.AdminUsername;
    public const string AdminPassword = TestSecrets.AdminPassword;
    public const string SigningKey = TestSecrets.SigningKey;

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "chatclean-tests", Guid.NewGuid().ToString("N"));
    private MariaDbDatabase? _database;

    protected virtual bool UseSqlite => false;

    /// <summary>Settings a subclass adds (or overrides) on top of the defaults below.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> ExtraSettings => [];

    public MariaDbDatabase Database => _database ?? throw new InvalidOperationException("This factory runs on SQLite.");

    /// <summary>What another process needs to open this service's storage (the command line, say): provider, connection string, keys.</summary>
    public IReadOnlyDictionary<string, string?> StorageSettings => new Dictionary<string, string?>(TestSecrets.Common.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value)))
    {
        ["Storage:Provider"] = UseSqlite ? "Sqlite" : "MySql",
        ["Storage:DataDirectory"] = _dataDirectory,
        [UseSqlite ? "ConnectionStrings:Sqlite" : "ConnectionStrings:MySql"] = UseSqlite ? SqliteConnectionString : Database.ConnectionString,
    };

    private string SqliteConnectionString => $"Data Source={Path.Combine(_dataDirectory, "chatclean.db")}";

    public virtual async Task InitializeAsync()
    {
        if (!UseSqlite)
        {
            _database = await TestEnvironment.CreateMariaDbDatabaseAsync();
        }

        UseKestrel(0);
        StartServer();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        if (Directory.Exists(_dataDirectory))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_dataDirectory, recursive: true);
        }

        await DisposeCollaboratorsAsync();
    }

    /// <summary>Stops what a subclass started beside the service (a stand-in model server, say), after the service.</summary>
    protected virtual ValueTask DisposeCollaboratorsAsync() => ValueTask.CompletedTask;

    /// <summary>A client with no token.</summary>
    public HttpClient Anonymous() => CreateClient();

    public HttpClient WithToken(string accessToken)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public async Task<TestUser> LoginAsync(string username, string password)
    {
        using var anonymous = Anonymous();
        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { username, password });
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var token = body["accessToken"]!.GetValue<string>();
        return new TestUser(Guid.Parse(body["user"]!["id"]!.GetValue<string>()), username, password, token, body["refreshToken"]!.GetValue<string>(), WithToken(token));
    }

    public async Task<TestUser> RegisterCustomerAsync(string? username = null)
    {
        username ??= $"cust-{Guid.NewGuid():N}"[..20];
        using var anonymous = Anonymous();
        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { username, password = "customer-password", displayName = "Customer " + username });
        response.EnsureSuccessStatusCode();
        return await LoginAsync(username, "customer-password");
    }

    public Task<TestUser> AdminAsync() => LoginAsync(AdminUsername, AdminPassword);

    public async Task<TestUser> CreateStaffAsync(string role, string? username = null)
    {
        username ??= $"{role}-{Guid.NewGuid():N}"[..20];
        using var admin = await AdminAsync();
        var response = await admin.Http.PostAsJsonAsync("/api/v1/admin/users", new { username, password = "staff-password", displayName = $"{role} {username}", role });
        response.EnsureSuccessStatusCode();
        return await LoginAsync(username, "staff-password");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:Provider", UseSqlite ? "Sqlite" : "MySql");
        builder.UseSetting("Storage:DataDirectory", _dataDirectory);
        if (UseSqlite)
        {
            builder.UseSetting("ConnectionStrings:Sqlite", SqliteConnectionString);
        }
        else
        {
            builder.UseSetting("ConnectionStrings:MySql", Database.ConnectionString);
            builder.UseSetting("ConnectionStrings:Redis", TestEnvironment.Redis);
            builder.UseSetting("Redis:Prefix", $"chatclean-test-{Guid.NewGuid():N}");
        }

        foreach (var (key, value) in TestSecrets.Common)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("EventStore:SubscriptionPollInterval", "00:00:00.200");
        builder.UseSetting("Audit:Checkpoints:Interval", "00:00:01");

        // Long enough that no test sees a timeout it did not ask for; the timeout tests set their own.
        builder.UseSetting("Conversations:WaitingTimeout", "00:10:00");

        // No AI replies unless a test asks for them (AiApiFactory): most tests count messages and seqs.
        builder.UseSetting("Ai:Enabled", "false");

        // Tests log in and call far more often than a person; the rate-limit tests set their own limits.
        foreach (var rule in new[] { "LoginPerAccount", "LoginPerAddress", "RestPerUser", "RestPerAddress", "FramesPerUser" })
        {
            builder.UseSetting($"RateLimits:{rule}:Limit", "1000000");
        }
        foreach (var (key, value) in ExtraSettings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(ConfigureTestServices);
    }

    /// <summary>Replaces services after the app registered its own (a hand-held clock, say).</summary>
    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }
}

/// <summary>The service with the AI answering customers (the built-in knowledge-base responder unless a subclass says otherwise).</summary>
public class AiApiFactory : ChatCleanApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => [new("Ai:Enabled", "true"), .. AiSettings];

    protected virtual IEnumerable<KeyValuePair<string, string>> AiSettings => [];
}

/// <summary>The same service on the embedded default: SQLite in a temporary data folder, no server.</summary>
public sealed class EmbeddedApiFactory : ChatCleanApiFactory
{
    protected override bool UseSqlite => true;
}

public sealed record TestUser(Guid Id, string Username, string Password, string AccessToken, string RefreshToken, HttpClient Http) : IDisposable
{
    public void Dispose() => Http.Dispose();
}

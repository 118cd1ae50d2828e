using System.Net;
using System.Net.Http.Json;
using ChatClean.Infrastructure.EventStore;
using ChatClean.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatClean.WebApi.IntegrationTests.Restarts;

/// <summary>
/// Tests that run the service as separate processes and kill them (SIGKILL): each test starts its own nodes on its own
/// database (or SQLite file) and job prefix. The subclasses run alone, in the <see cref="Realtime.RedisRestart"/> collection
/// (after the parallel tests), so that process start-up does not compete with other tests for the two cores while
/// deadlines are measured.
/// </summary>
public abstract class ServiceNodeTests : IAsyncLifetime
{
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(4);
    protected static readonly TimeSpan ApiWait = TimeSpan.FromSeconds(20);

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "chatclean-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<Uri, ServiceProcess> _nodes = [];
    private MariaDbDatabase _database = null!;

    /// <summary>The Redis prefix (jobs included) the MariaDB nodes of this test share.</summary>
    protected string Prefix { get; } = $"chatclean-test-{Guid.NewGuid():N}";

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

    protected async Task<Uri> StartAsync(bool embedded, bool ai = false, IReadOnlyDictionary<string, string>? extra = null)
    {
        var settings = embedded
            ? TestSecrets.ServiceSettings(_dataDirectory)
            : TestSecrets.ServiceSettings(_dataDirectory, _database.ConnectionString, Prefix);
        settings["Ai:Enabled"] = ai ? "true" : "false";
        settings["Conversations:WaitingTimeout"] = Wait.ToString();
        settings["Conversations:WaitingTimeoutByReason:api"] = ApiWait.ToString();
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var (node, address) = await ServiceProcess.StartReadyAsync(typeof(Program).Assembly.Location, settings);
        _nodes[address] = node;
        return address;
    }

    private string SqlitePath => TestSecrets.SqliteFile(_dataDirectory);

    protected void Kill(Uri address) => _nodes[address].Kill();

    protected static HttpClient Client(Uri node, string token) =>
        new() { BaseAddress = node, DefaultRequestHeaders = { Authorization = new("Bearer", token) } };

    protected static async Task<(string Customer, string Admin)> UsersAsync(Uri node)
    {
        using var anonymous = new HttpClient { BaseAddress = node };
        var username = $"cust-{Guid.NewGuid():N}"[..20];
        (await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { username, password = "customer-password" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await anonymous.LoginAsync(username, "customer-password"), await anonymous.LoginAsync(ChatCleanApiFactory.AdminUsername, ChatCleanApiFactory.AdminPassword));
    }

    protected SqlEventStore Store(bool embedded) => embedded
        ? new SqliteEventStore($"Data Source={SqlitePath}", Options.Create(new EventStoreOptions()), new AppendSignal(), TimeProvider.System, NullLogger<SqliteEventStore>.Instance)
        : new MySqlEventStore(_database.ConnectionString, Options.Create(new EventStoreOptions()), new AppendSignal(), TimeProvider.System, NullLogger<MySqlEventStore>.Instance);
}

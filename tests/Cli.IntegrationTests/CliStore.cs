using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Cli;
using ChatClean.Cli.Hosting;
using ChatClean.Domain.Common;
using ChatClean.Domain.Conversations;
using ChatClean.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace ChatClean.Cli.IntegrationTests;

/// <summary>A store the command line runs against: its settings, raw SQL for tampering, and a scripted log.</summary>
public abstract class CliStore : IAsyncLifetime
{
    /// <summary>Settings a test adds (checkpoint keys).</summary>
    public Dictionary<string, string?> Extra { get; } = [];

    public IReadOnlyDictionary<string, string?> Settings => StoreSettings.Concat(Extra).ToDictionary();

    protected abstract IReadOnlyDictionary<string, string?> StoreSettings { get; }

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    public abstract Task ExecuteAsync(string sql);

    /// <summary>The tables and columns that hold any of <paramref name="texts"/>.</summary>
    public async Task<IReadOnlyList<string>> WhereTextAppearsAsync(params string[] texts)
    {
        await using var connection = TextScan.Open(Settings["Storage:Provider"]!, Settings[$"ConnectionStrings:{Settings["Storage:Provider"]}"]!);
        return await TextScan.WhereAsync(connection, texts);
    }

    /// <summary>Runs <c>chatclean</c> with <paramref name="args"/> in process, returning its exit code and everything it printed.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        var code = await CliApp.RunAsync(args, console, Settings);
        return (code, output.ToString());
    }

    /// <summary>Three conversations of six events each, appended in turn (18 events; positions 1–18).</summary>
    public async Task<IReadOnlyList<Guid>> SeedAsync(Guid? customerId = null)
    {
        await using var services = new CliServices(Settings);
        var store = services.Provider.GetRequiredService<IEventStore>();
        var ids = new List<Guid>();
        var customer = new UserId(customerId ?? Guid.NewGuid());
        var agent = new UserId(Guid.NewGuid());
        var at = new DateTimeOffset(2026, 12, 3, 14, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 3; i++)
        {
            var id = Guid.NewGuid();
            ids.Add(id);
            IConversationEvent[] events =
            [
                new ConversationStarted(id, customer.Value, $"case {i}", at),
                new MessagePosted(id, Guid.NewGuid(), SenderKind.Customer, customer.Value, $"hello number {i}", null, at.AddMinutes(1)),
                new HumanRequested(id, 1, HandoffReason.CustomerAsked, ActorKind.Customer, customer.Value, at.AddMinutes(2)),
                new AgentTookOver(id, agent.Value, 1, at.AddMinutes(3)),
                new MessagePosted(id, Guid.NewGuid(), SenderKind.Agent, agent.Value, $"agent answer {i}", null, at.AddMinutes(4)),
                new ConversationClosed(id, ActorKind.Customer, customer.Value, null, at.AddMinutes(5)),
            ];
            for (var e = 0; e < events.Length; e++)
            {
                var actor = events[e] is AgentTookOver or MessagePosted { Sender: SenderKind.Agent } ? Actor.Agent(agent) : Actor.Customer(customer);
                await store.AppendAsync(new ConversationId(id).StreamName, ExpectedRevision.Exact(e), [new EventToAppend(Guid.NewGuid(), events[e], EventMetadata.Of(actor))], default);
            }
        }

        return ids;
    }

    /// <summary>One long conversation of <paramref name="messages"/> messages after the start, appended 100 at a time.</summary>
    public async Task SeedManyAsync(int messages)
    {
        await using var services = new CliServices(Settings);
        var store = services.Provider.GetRequiredService<IEventStore>();
        var id = Guid.NewGuid();
        var stream = new ConversationId(id).StreamName;
        var customer = Guid.NewGuid();
        var at = new DateTimeOffset(2026, 12, 3, 15, 0, 0, TimeSpan.Zero);
        await store.AppendAsync(stream, ExpectedRevision.NoStream, [new EventToAppend(Guid.NewGuid(), new ConversationStarted(id, customer, "bulk", at), EventMetadata.None)], default);
        for (var done = 0; done < messages; done += 100)
        {
            var batch = Enumerable.Range(done, Math.Min(100, messages - done))
                .Select(i => new EventToAppend(Guid.NewGuid(), new MessagePosted(id, Guid.NewGuid(), SenderKind.Customer, customer, $"bulk message {i}", null, at.AddSeconds(i)), EventMetadata.None))
                .ToArray();
            await store.AppendAsync(stream, ExpectedRevision.Exact(done + 1), batch, default);
        }
    }
}

public sealed class MariaDbCliStore : CliStore
{
    private MariaDbDatabase _database = null!;

    protected override IReadOnlyDictionary<string, string?> StoreSettings => new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "MySql",
        ["ConnectionStrings:MySql"] = _database.ConnectionString,
        [$"Encryption:Keys:{TestSecrets.EncryptionKeyId}"] = TestSecrets.EncryptionKey,
        ["Encryption:CurrentKeyId"] = TestSecrets.EncryptionKeyId,
        ["Encryption:LookupKey"] = TestSecrets.LookupKey,
    };

    public override async Task InitializeAsync()
    {
        _database = await TestEnvironment.CreateMariaDbDatabaseAsync();
        await _database.MigrateAsync();
    }

    public override Task DisposeAsync() => _database.DisposeAsync().AsTask();

    public override Task ExecuteAsync(string sql) => _database.ExecuteAsync(sql);
}

public sealed class SqliteCliStore : CliStore
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"chatclean-cli-{Guid.NewGuid():N}");

    private string ConnectionString => $"Data Source={Path.Combine(_folder, "chatclean.db")}";

    protected override IReadOnlyDictionary<string, string?> StoreSettings => new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "Sqlite",
        ["Storage:DataDirectory"] = _folder,
        ["ConnectionStrings:Sqlite"] = ConnectionString,
    };

    public override async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        await using var services = new CliServices(Settings);
        using var scope = services.Provider.CreateScope();
        await Infrastructure.Persistence.DatabaseMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<Infrastructure.Persistence.ChatCleanDbContext>(), default);
    }

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    public override async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

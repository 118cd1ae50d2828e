using System.Globalization;
using System.Net;
using System.Text.Json;
using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Cli;
using ChatClean.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace ChatClean.WebApi.IntegrationTests;

/// <summary>
/// The command line against a running service: <c>rebuild --check</c> equals the live read models after a mixed
/// workload, sees a live table that drifted, <c>rebuild</c> swaps fresh tables in while the service goes on
/// projecting into them, and <c>erase-customer</c> leaves no erased text in any table while <c>verify</c> and a
/// replay still agree with the log.
/// </summary>
public abstract class AuditToolingTests<TApi>(TApi api) : IClassFixture<TApi>
    where TApi : ChatCleanApiFactory
{
    [Fact]
    public async Task Rebuild_check_equals_live_and_erasure_leaves_no_text_behind()
    {
        var store = api.Services.GetRequiredService<IEventStore>();
        await ConversationWorkload.AppendAsync(store, ConversationWorkload.Generate(seed: 17, conversations: 150, agents: 4, DateTimeOffset.UtcNow.AddDays(-2)));
        var username = $"erase-{Guid.NewGuid():N}"[..20];
        using var customer = await api.RegisterCustomerAsync(username);
        using var agent = await api.CreateStaffAsync("agent");
        var id = (await (await customer.Http.PostJsonAsync("/api/v1/conversations", new { subject = "Order for Xiaoming Lee" })).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");
        await (await customer.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "ship it to 88 Quarrystone Road" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await agent.Http.PostAsync($"/api/v1/conversations/{id}/takeover")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await agent.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "Quarrystone Road noted, Xiaoming" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/close")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await customer.Http.PostJsonAsync($"/api/v1/conversations/{id}/feedback", new { rating = 5, comment = "Xiaoming is happy" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await CaughtUpAsync(store);

        var check = await CliJsonAsync(0, "rebuild", "--check", "--json");
        check.GetProperty("equal").GetBoolean().ShouldBeTrue();
        check.GetProperty("rebuilt").EnumerateArray().First(t => t.GetProperty("table").GetString() == "rm_messages").GetProperty("rows").GetInt64().ShouldBeGreaterThan(300);

        // A live row that drifted from the log is seen, and a rebuild replaces it while the service keeps projecting.
        await ExecuteAsync($"UPDATE rm_conversations SET message_count = message_count + 7 WHERE subject = 'Order for Xiaoming Lee'");
        var drifted = await CliJsonAsync(1, "rebuild", "--check", "--json");
        drifted.GetProperty("differing").EnumerateArray().Select(t => t.GetString()).ShouldBe(["rm_conversations"]);
        (await CliJsonAsync(0, "rebuild", "--json")).GetProperty("swapped").GetBoolean().ShouldBeTrue();
        await (await customer.Http.PostJsonAsync("/api/v1/conversations", new { subject = "after the swap" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await CaughtUpAsync(store);
        (await CliJsonAsync(0, "rebuild", "--check", "--json")).GetProperty("equal").GetBoolean().ShouldBeTrue();

        string[] personal = ["Xiaoming", "Quarrystone", username];
        (await TextsAsync(personal)).Count.ShouldBeGreaterThan(4, "the texts are in the log, the read models and the account before");
        (await CliJsonAsync(0, "erase-customer", customer.Id.ToString(), "--yes", "--json")).GetProperty("eventsErased").GetInt32().ShouldBe(5, "2 subjects, 2 messages, 1 comment");
        await CaughtUpAsync(store);

        (await TextsAsync(personal)).ShouldBeEmpty();
        (await CliJsonAsync(0, "verify", "--json")).GetProperty("intact").GetBoolean().ShouldBeTrue();
        (await CliJsonAsync(0, "rebuild", "--check", "--json")).GetProperty("equal").GetBoolean().ShouldBeTrue("the live erasure equals a replay of the erased log");
        using var admin = await api.AdminAsync();
        var transcript = await (await admin.Http.GetAsync($"/api/v1/admin/conversations/{id}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        transcript.ToJsonString().ShouldNotContain("Quarrystone");
        (await (await customer.Http.GetAsync("/api/v1/me")).Content.ReadAsStringAsync()).ShouldNotContain(username);
    }

    private async Task<JsonElement> CliJsonAsync(int expectedExitCode, params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });
        var code = await CliApp.RunAsync(args, console, api.StorageSettings);
        code.ShouldBe(expectedExitCode, output.ToString());
        return JsonDocument.Parse(output.ToString()).RootElement.Clone();
    }

    private async Task CaughtUpAsync(IEventStore store)
    {
        var head = await store.ReadHeadPositionAsync(default);
        await Eventually.ReturnsAsync(
            async () => Convert.ToInt64(await ScalarAsync("SELECT position FROM projection_checkpoints WHERE name = 'read-models'"), CultureInfo.InvariantCulture),
            c => c >= head,
            TimeSpan.FromSeconds(60),
            "the projection");
    }

    private async Task<IReadOnlyList<string>> TextsAsync(string[] texts)
    {
        await using var connection = Open();
        return await TextScan.WhereAsync(connection, texts);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = Open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = Open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private System.Data.Common.DbConnection Open()
    {
        var provider = api.StorageSettings["Storage:Provider"]!;
        return TextScan.Open(provider, api.StorageSettings[$"ConnectionStrings:{provider}"]!);
    }
}

/// <summary>The service without waiting timeouts: the workload is days old and every waiting episode would time out at once.</summary>
public sealed class AuditToolingMariaDbApi : ChatCleanApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => [new("Hangfire:Enabled", "false")];
}

public sealed class AuditToolingSqliteApi : ChatCleanApiFactory
{
    protected override bool UseSqlite => true;

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => [new("Hangfire:Enabled", "false")];
}

public sealed class MariaDbAuditToolingTests(AuditToolingMariaDbApi api) : AuditToolingTests<AuditToolingMariaDbApi>(api);

public sealed class SqliteAuditToolingTests(AuditToolingSqliteApi api) : AuditToolingTests<AuditToolingSqliteApi>(api);

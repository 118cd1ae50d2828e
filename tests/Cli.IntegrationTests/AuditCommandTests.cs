using System.Text.Json;

namespace ChatClean.Cli.IntegrationTests;

/// <summary>
/// The audit command line on a real store: history, state and export of a scripted log, and verify catching each
/// way of tampering with <c>es_events</c> (edit, delete, reorder, truncate) and naming the position.
/// </summary>
public abstract class AuditCommandTests<TStore> : IAsyncLifetime
    where TStore : CliStore, new()
{
    private readonly TStore _store = new();
    private IReadOnlyList<Guid> _conversations = [];

    public async Task InitializeAsync()
    {
        await _store.InitializeAsync();
        _conversations = await _store.SeedAsync();
    }

    public Task DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task An_untouched_log_verifies_with_exit_code_0_and_a_rate()
    {
        var (code, output) = await _store.RunAsync("verify");
        code.ShouldBe(0, output);
        output.ShouldContain("intact: 18 events from position 1 and 0 signed checkpoints");
        output.ShouldContain("events/s");

        var (jsonCode, json) = await _store.RunAsync("verify", "--json", "--from", "7");
        jsonCode.ShouldBe(0, json);
        using var document = JsonDocument.Parse(json);
        document.RootElement.GetProperty("intact").GetBoolean().ShouldBeTrue();
        document.RootElement.GetProperty("eventsChecked").GetInt64().ShouldBe(12);
    }

    [Fact]
    public async Task A_flipped_byte_is_found_at_its_position()
    {
        await _store.ExecuteAsync("UPDATE es_events SET data = REPLACE(data, 'hello number 1', 'hellp number 1') WHERE position = 8");
        await ShouldBreakAtAsync(8, "hash_mismatch");
    }

    [Fact]
    public async Task A_deleted_middle_event_is_a_gap_at_its_position()
    {
        await _store.ExecuteAsync("DELETE FROM es_events WHERE position = 10");
        await ShouldBreakAtAsync(10, "gap");
    }

    [Fact]
    public async Task Two_reordered_events_break_the_chain_at_the_first()
    {
        await _store.ExecuteAsync("UPDATE es_events SET position = -1 WHERE position = 5");
        await _store.ExecuteAsync("UPDATE es_events SET position = 5 WHERE position = 6");
        await _store.ExecuteAsync("UPDATE es_events SET position = 6 WHERE position = -1");
        await ShouldBreakAtAsync(5, "hash_mismatch");
    }

    [Fact]
    public async Task Deleted_last_events_disagree_with_the_head()
    {
        await _store.ExecuteAsync("DELETE FROM es_events WHERE position > 16");
        await ShouldBreakAtAsync(17, "head_mismatch");
    }

    [Fact]
    public async Task History_state_and_export_read_the_scripted_conversation()
    {
        var id = _conversations[1];
        var (code, history) = await _store.RunAsync("history", id.ToString());
        code.ShouldBe(0, history);
        history.ShouldContain("hello number 1");
        history.ShouldContain("agent answer 1");
        history.ShouldContain("human requested (CustomerAsked)");
        history.ShouldContain("2026-12-03 14:03:00.000");

        var (stateCode, state) = await _store.RunAsync("state", id.ToString(), "--at-version", "3", "--json");
        stateCode.ShouldBe(0, state);
        using (var document = JsonDocument.Parse(state))
        {
            document.RootElement.GetProperty("version").GetInt64().ShouldBe(3);
            document.RootElement.GetProperty("state").GetProperty("mode").GetString().ShouldBe("waiting");
        }

        var (exportCode, export) = await _store.RunAsync("export", "--stream", id.ToString());
        exportCode.ShouldBe(0, export);
        var lines = export.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("seq").GetInt64()).ShouldBe([1L, 2, 3, 4, 5, 6]);
        var (allCode, all) = await _store.RunAsync("export", "--from", "13");
        allCode.ShouldBe(0, all);
        all.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("position").GetInt64())
            .ShouldBe(Enumerable.Range(13, 6).Select(p => (long)p));
    }

    [Fact]
    public async Task A_log_of_several_pages_verifies_and_a_break_on_the_third_page_is_named()
    {
        await _store.SeedManyAsync(2_100);
        var (code, output) = await _store.RunAsync("verify");
        code.ShouldBe(0, output);
        output.ShouldContain("intact: 2,119 events");

        await _store.ExecuteAsync("UPDATE es_events SET data = REPLACE(data, 'bulk', 'bulx') WHERE position = 2050");
        var (broken, brokenOutput) = await _store.RunAsync("verify");
        broken.ShouldBe(1, brokenOutput);
        brokenOutput.ShouldContain("BROKEN at position 2050 (hash_mismatch)");
    }

    [Fact]
    public async Task Wrong_ids_and_options_exit_with_2()
    {
        (await _store.RunAsync("history", "not-a-guid")).ExitCode.ShouldBe(2);
        (await _store.RunAsync("history", Guid.NewGuid().ToString())).ExitCode.ShouldBe(2);
        (await _store.RunAsync("state", _conversations[0].ToString())).ExitCode.ShouldBe(2);
        (await _store.RunAsync("verify", "--from", "0")).ExitCode.ShouldBe(2);
        (await _store.RunAsync("no-such-command")).ExitCode.ShouldNotBe(0);
    }

    private async Task ShouldBreakAtAsync(long position, string problem)
    {
        var (code, output) = await _store.RunAsync("verify");
        code.ShouldBe(1, output);
        output.ShouldContain($"BROKEN at position {position} ({problem})");
    }
}

public sealed class MariaDbAuditCommandTests : AuditCommandTests<MariaDbCliStore>;

public sealed class SqliteAuditCommandTests : AuditCommandTests<SqliteCliStore>;

/// <summary>A database the service never started on: a clear sentence and exit code 2, not a stack trace.</summary>
public sealed class UnmigratedDatabaseTests
{
    [Fact]
    public async Task Verify_on_an_empty_database_says_to_start_the_service_first()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"chatclean-cli-empty-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var output = new StringWriter();
            var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(output) });
            var code = await CliApp.RunAsync(["verify"], console, new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "Sqlite",
                ["Storage:DataDirectory"] = folder,
                ["ConnectionStrings:Sqlite"] = $"Data Source={Path.Combine(folder, "chatclean.db")}",
            });
            code.ShouldBe(CliApp.UsageError, output.ToString());
            output.ToString().ShouldContain("no ChatClean schema yet");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}

using System.Text.Json;
using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Application.Abstractions.Files;
using ChatClean.Application.Attachments;
using ChatClean.Cli.Hosting;
using ChatClean.Domain.Conversations;
using ChatClean.Infrastructure.EventStore;
using ChatClean.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace ChatClean.Cli.IntegrationTests;

/// <summary>
/// <c>erase-customer</c> on a real store: the customer's texts and account fields are gone from every table, each
/// conversation records the erasure, <c>verify</c> still passes, and a payload erased any other way is caught.
/// </summary>
public abstract class ErasureTests<TStore> : IAsyncLifetime
    where TStore : CliStore, new()
{
    private static readonly string[] PersonalTexts = ["case 0", "case 2", "hello number", "agent answer", "loved the help", "Zhang Wei", "zhang@example.com", "zhangwei-cli"];

    private readonly TStore _store = new();
    private readonly Guid _customer = Guid.NewGuid();
    private readonly Guid _attachment = Guid.NewGuid();
    private readonly Guid _unrelated = Guid.NewGuid();
    private IReadOnlyList<Guid> _conversations = [];

    public async Task InitializeAsync()
    {
        await _store.InitializeAsync();
        _conversations = await _store.SeedAsync(_customer);
        await using var services = new CliServices(_store.Settings);
        await services.Provider.GetRequiredService<IEventStore>().AppendAsync(
            new ConversationId(_conversations[0]).StreamName,
            ExpectedRevision.Exact(6),
            [new EventToAppend(Guid.NewGuid(), new FeedbackGiven(_conversations[0], 5, "loved the help", DateTimeOffset.UtcNow), EventMetadata.None)],
            default);
        using var scope = services.Provider.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatCleanDbContext>();
        db.Users.Add(new UserRecord
        {
            Id = _customer, Username = "zhangwei-cli", DisplayName = "Zhang Wei", Role = "customer", PasswordHash = "x", Email = "zhang@example.com", CreatedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();

        var files = services.Provider.GetRequiredService<IFileStorage>();
        await files.SaveAsync(AttachmentKeys.Content(_conversations[0], _attachment), new MemoryStream("a photo of the receipt"u8.ToArray()), default);
        await files.SaveAsync(AttachmentKeys.Description(_conversations[0], _attachment), new MemoryStream("{}"u8.ToArray()), default);
        await files.SaveAsync(AttachmentKeys.Content(_unrelated, _attachment), new MemoryStream("someone else's file"u8.ToArray()), default);
    }

    public Task DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task Erasure_removes_every_personal_text_records_itself_and_leaves_verify_green()
    {
        (await _store.WhereTextAppearsAsync(PersonalTexts)).Count.ShouldBeGreaterThanOrEqualTo(5, "the texts are there before");

        var (code, output) = await _store.RunAsync("erase-customer", _customer.ToString(), "--yes", "--json");
        code.ShouldBe(0, output);
        using (var report = JsonDocument.Parse(output))
        {
            report.RootElement.GetProperty("accountErased").GetBoolean().ShouldBeTrue();
            report.RootElement.GetProperty("conversations").GetInt32().ShouldBe(3);
            report.RootElement.GetProperty("eventsErased").GetInt32().ShouldBe(3 + 6 + 1, "3 subjects, 6 messages, 1 feedback comment");
            report.RootElement.GetProperty("eventsKept").GetInt32().ShouldBe(0);
            report.RootElement.GetProperty("filesDeleted").GetInt32().ShouldBe(2, "the attachment and its description");
        }

        await using (var after = new CliServices(_store.Settings))
        {
            var files = after.Provider.GetRequiredService<IFileStorage>();
            (await files.OpenReadAsync(AttachmentKeys.Content(_conversations[0], _attachment), default)).ShouldBeNull("the customer's files are gone");
            await using var kept = await files.OpenReadAsync(AttachmentKeys.Content(_unrelated, _attachment), default);
            kept.ShouldNotBeNull("another conversation's files stay");
        }

        (await _store.WhereTextAppearsAsync(PersonalTexts)).ShouldBeEmpty();
        var (verified, verifyOutput) = await _store.RunAsync("verify");
        verified.ShouldBe(0, verifyOutput);
        verifyOutput.ShouldContain("intact: 22 events", customMessage: "19 events and 3 erasure events");

        var (_, history) = await _store.RunAsync("history", _conversations[0].ToString());
        history.ShouldContain("(erased)");
        history.ShouldContain("personal data erased from 4 earlier events");
        history.ShouldNotContain("hello number");

        // Again: nothing left to erase, nothing appended.
        var (again, againOutput) = await _store.RunAsync("erase-customer", _customer.ToString(), "--yes", "--json");
        again.ShouldBe(0, againOutput);
        JsonDocument.Parse(againOutput).RootElement.GetProperty("eventsErased").GetInt32().ShouldBe(0);
        (await _store.RunAsync("verify")).Output.ShouldContain("intact: 22 events");
    }

    [Fact]
    public async Task A_payload_erased_outside_erase_customer_is_caught()
    {
        var other = await _store.SeedAsync();
        await using var services = new CliServices(_store.Settings);
        var row = (await services.Provider.GetRequiredService<SqlEventStore>().ReadStreamAsync(new ConversationId(other[1]).StreamName, 2, 1, default)).Single();
        var tombstone = EventHashing.Tombstone(row.Data, "{\"body\":\"\"}");
        await _store.ExecuteAsync($"UPDATE es_events SET data = '{tombstone}' WHERE position = {row.Position}");

        var (code, output) = await _store.RunAsync("verify");
        code.ShouldBe(1, output);
        output.ShouldContain($"BROKEN at position {row.Position} (erasure_unrecorded)");
    }

    [Fact]
    public async Task A_log_from_before_payload_digests_still_verifies_and_its_texts_are_reported_kept()
    {
        // The log as a version before payload digests wrote it: every hash over the payload text, digests from 20 on.
        await using (var services = new CliServices(_store.Settings))
        {
            var previous = EventHashing.Genesis;
            foreach (var e in await services.Provider.GetRequiredService<SqlEventStore>().ReadAllAsync(0, 100, default))
            {
                previous = EventHashing.Compute(previous, e.Position, e.StreamId, e.Revision, e.EventId, e.Type, (e.CreatedAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10, e.Data, e.Metadata, digestPayload: false);
                await _store.ExecuteAsync($"UPDATE es_events SET hash = X'{Convert.ToHexString(previous)}' WHERE position = {e.Position}");
            }

            await _store.ExecuteAsync($"UPDATE es_log_head SET last_hash = X'{Convert.ToHexString(previous)}', payload_digests_from = 20 WHERE id = 1");
        }

        (await _store.RunAsync("verify")).ExitCode.ShouldBe(0);
        await _store.ExecuteAsync("UPDATE es_log_head SET payload_digests_from = 1 WHERE id = 1");
        (await _store.RunAsync("verify")).Output.ShouldContain("BROKEN at position 1 (hash_mismatch)", customMessage: "the old rule really is different");
        await _store.ExecuteAsync("UPDATE es_log_head SET payload_digests_from = 20 WHERE id = 1");

        var (code, output) = await _store.RunAsync("erase-customer", _customer.ToString(), "--yes", "--json");
        code.ShouldBe(0, output);
        JsonDocument.Parse(output).RootElement.GetProperty("eventsKept").GetInt32().ShouldBe(10);
        (await _store.RunAsync("verify")).Output.ShouldContain("intact: 22 events", customMessage: "each conversation records the erasure, so its read-model rows lose the texts");
        JsonDocument.Parse((await _store.RunAsync("erase-customer", _customer.ToString(), "--yes", "--json")).Output).RootElement.GetProperty("eventsKept").GetInt32().ShouldBe(10);
        (await _store.RunAsync("verify")).Output.ShouldContain("intact: 22 events", customMessage: "nothing more is recorded the second time");
    }

    [Fact]
    public async Task Only_a_customer_is_erased()
    {
        await using (var services = new CliServices(_store.Settings))
        {
            using var scope = services.Provider.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ChatCleanDbContext>();
            var user = await db.Users.FindAsync(_customer);
            user!.Role = "agent";
            await db.SaveChangesAsync();
        }

        var (code, output) = await _store.RunAsync("erase-customer", _customer.ToString(), "--yes");
        code.ShouldBe(2, output);
        output.ShouldContain("not a customer");
        (await _store.RunAsync("erase-customer", _customer.ToString())).ExitCode.ShouldBe(2, "--yes is required");
        (await _store.WhereTextAppearsAsync("hello number")).ShouldNotBeEmpty();
    }
}

public sealed class MariaDbErasureTests : ErasureTests<MariaDbCliStore>;

public sealed class SqliteErasureTests : ErasureTests<SqliteCliStore>;

using ChatClean.Cli.Hosting;
using ChatClean.Infrastructure.Audit.Checkpoints;
using ChatClean.Infrastructure.EventStore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatClean.Cli.IntegrationTests;

/// <summary>
/// Signed checkpoints catch what the hash chain alone cannot: a tail rewritten or cut by someone who recomputes every
/// hash and the head row; a forged checkpoint is caught by its signature; a verifier needs only the public key.
/// </summary>
public abstract class CheckpointTests<TStore> : IAsyncLifetime
    where TStore : CliStore, new()
{
    private readonly TStore _store = new();
    private readonly (string PrivateKey, string PublicKey) _keys = CheckpointSigner.NewKeyPair();

    public async Task InitializeAsync()
    {
        await _store.InitializeAsync();
        _store.Extra["Audit:Checkpoints:SigningKey"] = _keys.PrivateKey;
        await _store.SeedAsync();
        var (code, output) = await _store.RunAsync("checkpoint");
        code.ShouldBe(0, output);
        output.ShouldContain("signed a checkpoint at position 18");
    }

    public Task DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task A_checkpointed_log_verifies_with_the_public_key_alone()
    {
        _store.Extra.Remove("Audit:Checkpoints:SigningKey");
        _store.Extra["Audit:Checkpoints:PublicKeys:k1"] = _keys.PublicKey;
        var (code, output) = await _store.RunAsync("verify");
        code.ShouldBe(0, output);
        output.ShouldContain("18 events from position 1 and 1 signed checkpoints");
    }

    [Fact]
    public async Task A_tail_rewritten_with_recomputed_hashes_is_caught_by_the_checkpoint()
    {
        var events = await ReadAllAsync();
        var previous = events[15].Hash;
        foreach (var e in events.Skip(16))
        {
            var data = e.Data.Replace("agent answer 2", "agent answer X", StringComparison.Ordinal);
            var hash = EventHashing.Compute(previous, e.Position, e.StreamId, e.Revision, e.EventId, e.Type, (e.CreatedAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10, data, e.Metadata);
            await _store.ExecuteAsync($"UPDATE es_events SET data = '{data.Replace("'", "''", StringComparison.Ordinal)}', hash = X'{Convert.ToHexString(hash)}' WHERE position = {e.Position}");
            previous = hash;
        }

        await _store.ExecuteAsync($"UPDATE es_log_head SET last_hash = X'{Convert.ToHexString(previous)}' WHERE id = 1");
        await ShouldBreakAtAsync(18, "checkpoint_mismatch");
    }

    [Fact]
    public async Task A_log_cut_short_with_a_redone_head_is_caught_by_the_checkpoint()
    {
        var events = await ReadAllAsync();
        await _store.ExecuteAsync("DELETE FROM es_events WHERE position > 16");
        await _store.ExecuteAsync($"UPDATE es_log_head SET last_position = 16, last_hash = X'{Convert.ToHexString(events[15].Hash)}' WHERE id = 1");
        await ShouldBreakAtAsync(17, "checkpoint_beyond_log");
    }

    [Fact]
    public async Task A_forged_checkpoint_fails_its_signature()
    {
        await _store.ExecuteAsync("UPDATE es_checkpoints SET position = 17");
        await ShouldBreakAtAsync(17, "checkpoint_signature");
    }

    private async Task<IReadOnlyList<RecordedEvent>> ReadAllAsync()
    {
        await using var services = new CliServices(_store.Settings);
        return await services.Provider.GetRequiredService<SqlEventStore>().ReadAllAsync(0, 100, default);
    }

    private async Task ShouldBreakAtAsync(long position, string problem)
    {
        var (code, output) = await _store.RunAsync("verify");
        code.ShouldBe(1, output);
        output.ShouldContain($"BROKEN at position {position} ({problem})");
    }
}

public sealed class MariaDbCheckpointTests : CheckpointTests<MariaDbCliStore>;

public sealed class SqliteCheckpointTests : CheckpointTests<SqliteCliStore>;

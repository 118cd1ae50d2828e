using System.Diagnostics;
using ChatClean.Infrastructure.EventStore;

namespace ChatClean.Infrastructure.ReadModels.Rebuild;

/// <param name="Position">The log position both table sets describe.</param>
/// <param name="Live">The live tables' digests at <paramref name="Position"/> (before the swap, when swapped).</param>
/// <param name="Rebuilt">The digests of what a replay of the log from position 0 gives.</param>
/// <param name="Swapped">Whether the rebuilt tables now serve (false for a check).</param>
public sealed record RebuildResult(long Position, long Events, TimeSpan Elapsed, IReadOnlyList<TableDigest> Live, IReadOnlyList<TableDigest> Rebuilt, bool Swapped)
{
    public bool Equal => Live.SequenceEqual(Rebuilt);

    public double EventsPerSecond => Elapsed > TimeSpan.Zero ? Events / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// Rebuilds every read model from position 0 into fresh tables while the live ones keep serving, with the same
/// projections the live subscription runs (<see cref="ReadModelPage.ApplyAsync"/>), pages of thousands of events and
/// bulk statements (<see cref="BulkWriter"/>). It replays up to the live checkpoint, catches up while the service goes
/// on, then holds the live projection still for the last events, the digests and (unless only checking) the swap, so
/// the digests compare the same position and the swapped-in tables describe exactly the position the checkpoint names.
/// </summary>
public sealed class ReadModelRebuild(IServiceScopeFactory scopes, SqlEventStore store)
{
    private const int PageSize = 5000;

    public async Task<RebuildResult> RunAsync(bool swap, IProgress<(long Position, long Target)>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var scope = scopes.CreateAsyncScope();
        var live = scope.ServiceProvider.GetRequiredService<ChatCleanDbContext>();
        await using var rebuild = ReadModelTables.RebuildContext(scope.ServiceProvider, live);
        await rebuild.Database.OpenConnectionAsync(cancellationToken);
        var tables = ShadowTables.For(rebuild, ReadModelTables.Names(live));
        await tables.CreateAsync(cancellationToken);
        try
        {
            // Up to where the live tables are, then again while they move on, without holding them.
            long position = 0;
            for (var round = 0; round < 5; round++)
            {
                var target = await ProjectionCheckpoints.ReadAsync(live, ProjectionCheckpoints.ReadModels, cancellationToken) ?? 0;
                if (round > 0 && target - position < PageSize)
                {
                    break;
                }

                position = await ReplayAsync(rebuild, position, target, inTransaction: false, progress, cancellationToken);
            }

            await tables.IndexAsync(cancellationToken);
            var frozenAt = await tables.FreezeAsync(cancellationToken);
            try
            {
                if (frozenAt < position)
                {
                    throw new InvalidOperationException("The read models were reset while this rebuild ran (a rebuild through the API?): run it again.");
                }

                position = await ReplayAsync(rebuild, position, frozenAt, inTransaction: true, progress, cancellationToken);
                var liveDigests = await TableDigest.OfReadModelsAsync(live, cancellationToken);
                var rebuiltDigests = await TableDigest.OfReadModelsAsync(rebuild, cancellationToken);
                if (swap)
                {
                    await tables.SwapAsync(cancellationToken);
                }

                return new RebuildResult(position, position, clock.Elapsed, liveDigests, rebuiltDigests, swap);
            }
            finally
            {
                await tables.UnfreezeAsync();
            }
        }
        finally
        {
            await tables.DropAsync();
        }
    }

    /// <summary>Applies the events after <paramref name="from"/> up to <paramref name="to"/> to the fresh tables; the next page is read while one is applied.</summary>
    private async Task<long> ReplayAsync(
        ChatCleanDbContext rebuild, long from, long to, bool inTransaction, IProgress<(long, long)>? progress, CancellationToken cancellationToken)
    {
        var position = from;
        var next = position < to ? store.ReadAllAsync(position, (int)Math.Min(PageSize, to - position), cancellationToken) : null;
        while (next is not null)
        {
            var page = (await next).Where(e => e.Position <= to).Select(ConversationEventSerializer.ToStored).ToArray();
            if (page.Length == 0)
            {
                break;
            }

            position = page[^1].Position;
            next = position < to ? store.ReadAllAsync(position, (int)Math.Min(PageSize, to - position), cancellationToken) : null;
            await using var pageScope = scopes.CreateAsyncScope();
            var transaction = inTransaction ? null : await rebuild.Database.BeginTransactionAsync(cancellationToken);
            await ReadModelPage.ApplyAsync(rebuild, pageScope.ServiceProvider.GetServices<IReadModelProjection>().ToArray(), page, cancellationToken);
            await BulkWriter.SaveAsync(rebuild, cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
                await transaction.DisposeAsync();
            }

            progress?.Report((position, to));
        }

        return position;
    }
}

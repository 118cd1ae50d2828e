using ChatClean.Application.Abstractions.ReadModels;
using ChatClean.Infrastructure.EventStore;

namespace ChatClean.Infrastructure.ReadModels;

/// <summary>
/// Rebuilds the read models from position 0: empties them and resets their checkpoint in one transaction (under
/// the checkpoint lock, so no runner applies a page meanwhile); the runners then replay the whole log.
/// </summary>
public sealed class ReadModelMaintenance(ChatCleanDbContext db, AppendSignal signal) : IReadModelRebuilder
{
    public async Task StartRebuildAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"UPDATE projection_checkpoints SET position = 0 WHERE name = {ProjectionCheckpoints.ReadModels}", cancellationToken);
        await db.Messages.ExecuteDeleteAsync(cancellationToken);
        await db.SearchTerms.ExecuteDeleteAsync(cancellationToken);
        await db.WaitingEpisodes.ExecuteDeleteAsync(cancellationToken);
        await db.AgentSessions.ExecuteDeleteAsync(cancellationToken);
        await db.DailyStats.ExecuteDeleteAsync(cancellationToken);
        await db.Conversations.ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Wake();
    }
}

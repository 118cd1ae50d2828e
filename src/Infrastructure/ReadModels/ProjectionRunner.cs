using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Infrastructure.EventStore;
using ChatClean.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatClean.Infrastructure.ReadModels;

/// <summary>
/// Follows the global log and feeds one projection. Each page of events is applied in one transaction that also
/// moves the checkpoint, so an event is applied exactly once even if the process dies mid-page. The checkpoint
/// row is locked first, so several nodes running the same projection take turns instead of applying twice; a
/// page that does not start right after the locked checkpoint (another node went ahead, or the read models were
/// reset for a rebuild) is dropped and read again from there.
/// </summary>
public sealed partial class ProjectionRunner<TProjection>(
    IServiceScopeFactory scopes,
    IEventStore eventStore,
    AppendSignal signal,
    TProjection projection,
    IEnumerable<IReadModelObserver> observers,
    IOptions<EventStoreOptions> options,
    TimeProvider clock,
    ILogger<ProjectionRunner<TProjection>> logger) : BackgroundService
    where TProjection : IProjection
{
    private const int PageSize = 500;
    private readonly IReadModelObserver[] _observers = observers.ToArray();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long checkpoint = -1;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (checkpoint < 0)
                {
                    checkpoint = await EnsureCheckpointAsync(stoppingToken);
                }

                var woken = signal.Next;
                var page = await eventStore.ReadAllAsync(checkpoint, PageSize, stoppingToken);
                if (page.Count > 0)
                {
                    checkpoint = await ApplyPageAsync(page, stoppingToken);
                    continue;
                }

                // Caught up. A rebuild may have reset the stored checkpoint meanwhile: then start again from there.
                var stored = await ReadCheckpointAsync(stoppingToken);
                if (stored < checkpoint)
                {
                    checkpoint = stored;
                    continue;
                }

                await Task.WhenAny(woken, Task.Delay(options.Value.SubscriptionPollInterval, clock, stoppingToken));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogFailure(logger, exception, projection.Name);
                checkpoint = -1;
                await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task<long> ReadCheckpointAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatCleanDbContext>();
        return await db.ProjectionCheckpoints.AsNoTracking().Where(c => c.Name == projection.Name).Select(c => c.Position).FirstAsync(cancellationToken);
    }

    private async Task<long> EnsureCheckpointAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatCleanDbContext>();
        var existing = await db.ProjectionCheckpoints.AsNoTracking().FirstOrDefaultAsync(c => c.Name == projection.Name, cancellationToken);
        if (existing is not null)
        {
            return existing.Position;
        }

        db.ProjectionCheckpoints.Add(new ProjectionCheckpointRecord { Name = projection.Name, Position = 0 });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node created it first.
        }

        return 0;
    }

    private async Task<long> ApplyPageAsync(IReadOnlyList<RecordedEvent> page, CancellationToken cancellationToken)
    {
        ReadModelChanges changes;
        long position;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChatCleanDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

            // A no-op update takes the checkpoint row's write lock until commit.
            await db.Database.ExecuteSqlAsync($"UPDATE projection_checkpoints SET position = position WHERE name = {projection.Name}", cancellationToken);
            var checkpoint = await db.ProjectionCheckpoints.SingleAsync(c => c.Name == projection.Name, cancellationToken);
            if (page[0].Position > checkpoint.Position + 1)
            {
                return checkpoint.Position;
            }

            var fresh = page.Where(e => e.Position > checkpoint.Position).ToArray();
            if (fresh.Length == 0)
            {
                return checkpoint.Position;
            }

            changes = await projection.ApplyAsync(db, fresh, cancellationToken);
            checkpoint.Position = position = fresh[^1].Position;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var observer in _observers)
        {
            await observer.OnCommittedAsync(position, changes, cancellationToken);
        }

        return position;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Projection {Projection} failed; retrying from its checkpoint")]
    private static partial void LogFailure(ILogger logger, Exception exception, string projection);
}

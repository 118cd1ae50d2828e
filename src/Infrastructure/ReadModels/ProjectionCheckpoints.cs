namespace ChatClean.Infrastructure.ReadModels;

/// <summary>
/// The checkpoint store of the projections (<c>projection_checkpoints</c>): how far each has applied the log. A
/// checkpoint moves only inside the transaction that applies its events.
/// </summary>
public static class ProjectionCheckpoints
{
    /// <summary>The read models' one checkpoint: every table moves with it.</summary>
    public const string ReadModels = "read-models";

    /// <summary>The stored checkpoint, created at 0 the first time.</summary>
    public static async Task<long> EnsureAsync(ChatCleanDbContext db, string name, CancellationToken cancellationToken)
    {
        var existing = await db.ProjectionCheckpoints.AsNoTracking().FirstOrDefaultAsync(c => c.Name == name, cancellationToken);
        if (existing is not null)
        {
            return existing.Position;
        }

        db.ProjectionCheckpoints.Add(new ProjectionCheckpointRecord { Name = name, Position = 0 });
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

    public static Task<long?> ReadAsync(ChatCleanDbContext db, string name, CancellationToken cancellationToken) =>
        db.ProjectionCheckpoints.AsNoTracking().Where(c => c.Name == name).Select(c => (long?)c.Position).SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Takes the checkpoint row's write lock until the transaction ends and returns the tracked row; null, at once,
    /// when another node holds it (MySQL: <c>FOR UPDATE SKIP LOCKED</c>) or a rebuild is swapping its tables in (the
    /// named lock <see cref="Rebuild.ShadowTables.FreezeLock"/>). SQLite has one writer: a no-op update waits for the
    /// database's write lock, which a rebuild's swap holds too.
    /// </summary>
    public static async Task<ProjectionCheckpointRecord?> TryLockAsync(ChatCleanDbContext db, string name, CancellationToken cancellationToken)
    {
        if (db.Database.IsMySql())
        {
            var locked = await db.Database
                .SqlQuery<long>($"SELECT position AS Value FROM projection_checkpoints WHERE name = {name} AND IS_FREE_LOCK({Rebuild.ShadowTables.FreezeLock}) = 1 FOR UPDATE SKIP LOCKED")
                .ToListAsync(cancellationToken);
            if (locked.Count == 0)
            {
                return null;
            }
        }
        else
        {
            await db.Database.ExecuteSqlAsync($"UPDATE projection_checkpoints SET position = position WHERE name = {name}", cancellationToken);
        }

        return await db.ProjectionCheckpoints.SingleAsync(c => c.Name == name, cancellationToken);
    }
}

using Microsoft.EntityFrameworkCore.Storage;

namespace ChatClean.Infrastructure.ReadModels.Rebuild;

/// <summary>
/// The rebuild's fresh read-model tables (<c>…__rebuild</c>) and the provider's way to swap them in: created empty
/// beside the live ones, filled while the live ones serve, then swapped in while the live projection is held still
/// (<see cref="FreezeAsync"/>), so the tables that serve always describe the position the checkpoint names.
/// </summary>
public abstract class ShadowTables(ChatCleanDbContext rebuild, IReadOnlyList<string> tables)
{
    /// <summary>The MySQL lock the live projection checks before it applies a page (<see cref="ProjectionCheckpoints.TryLockAsync"/>).</summary>
    public const string FreezeLock = "chatclean.read-models.rebuild";

    protected ChatCleanDbContext Rebuild { get; } = rebuild;

    protected IReadOnlyList<string> Tables { get; } = tables;

    public static ShadowTables For(ChatCleanDbContext rebuild, IReadOnlyList<string> tables) =>
        rebuild.Database.IsMySql() ? new MySqlShadowTables(rebuild, tables) : new SqliteShadowTables(rebuild, tables);

    public abstract Task CreateAsync(CancellationToken cancellationToken);

    /// <summary>Builds the fresh tables' secondary indexes, once they are filled (sorted builds instead of a random insert per row).</summary>
    public abstract Task IndexAsync(CancellationToken cancellationToken);

    /// <summary>Holds the live projection still and opens the rebuild's transaction; returns the live checkpoint.</summary>
    public abstract Task<long> FreezeAsync(CancellationToken cancellationToken);

    /// <summary>Puts the fresh tables in the live ones' place and ends the transaction <see cref="FreezeAsync"/> opened.</summary>
    public abstract Task SwapAsync(CancellationToken cancellationToken);

    /// <summary>Lets the live projection go on (after a swap, or a check that swaps nothing).</summary>
    public abstract Task UnfreezeAsync();

    public async Task DropAsync()
    {
        foreach (var table in Tables)
        {
            await ExecuteAsync($"DROP TABLE IF EXISTS {Quote(table + ReadModelTables.RebuildSuffix)}", CancellationToken.None);
        }
    }

    protected abstract string Quote(string name);

    protected async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Rebuild.Database.GetDbConnection().CreateCommand();
        command.Transaction = Rebuild.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    protected async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Rebuild.Database.GetDbConnection().CreateCommand();
        command.Transaction = Rebuild.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    protected async Task<List<string>> StringsAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Rebuild.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    protected static long ToPosition(object? value) => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// MySQL: the fresh tables are <c>CREATE TABLE … LIKE</c> copies, filled without their secondary indexes (added back
/// once filled); the live projection is held by a named lock (DDL ends transactions, so a row lock could not hold it
/// across the swap) and one atomic <c>RENAME TABLE</c> swaps every table.
/// </summary>
internal sealed class MySqlShadowTables(ChatCleanDbContext rebuild, IReadOnlyList<string> tables) : ShadowTables(rebuild, tables)
{
    private readonly Dictionary<string, List<string>> _indexes = [];

    public override async Task CreateAsync(CancellationToken cancellationToken)
    {
        await DropAsync();
        foreach (var table in Tables)
        {
            var shadow = table + ReadModelTables.RebuildSuffix;
            await ExecuteAsync($"CREATE TABLE {Quote(shadow)} LIKE {Quote(table)}", cancellationToken);
            var indexes = await StringsAsync(
                "SELECT CONCAT(IF(MIN(non_unique) = 0, 'UNIQUE ', ''), 'INDEX `', index_name, '` (', GROUP_CONCAT(CONCAT('`', column_name, '`') ORDER BY seq_in_index), ')') " +
                $"FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = '{shadow}' AND index_name <> 'PRIMARY' GROUP BY index_name",
                cancellationToken);
            _indexes[shadow] = indexes;
            if (indexes.Count > 0)
            {
                var names = indexes.Select(i => i[(i.IndexOf('`', StringComparison.Ordinal) + 1)..i.IndexOf('`', i.IndexOf('`', StringComparison.Ordinal) + 1)]);
                await ExecuteAsync($"ALTER TABLE {Quote(shadow)} {string.Join(", ", names.Select(n => $"DROP INDEX {Quote(n)}"))}", cancellationToken);
            }
        }
    }

    public override async Task IndexAsync(CancellationToken cancellationToken)
    {
        foreach (var (shadow, indexes) in _indexes.Where(i => i.Value.Count > 0))
        {
            await ExecuteAsync($"ALTER TABLE {Quote(shadow)} {string.Join(", ", indexes.Select(i => "ADD " + i))}", cancellationToken);
        }
    }

    public override async Task<long> FreezeAsync(CancellationToken cancellationToken)
    {
        if (ToPosition(await ScalarAsync($"SELECT GET_LOCK('{FreezeLock}', 60)", cancellationToken)) != 1)
        {
            throw new InvalidOperationException("Another rebuild holds the read models: run this one when it is done.");
        }

        await Rebuild.Database.BeginTransactionAsync(cancellationToken);

        // Waits for a page the live projection is applying right now; none starts while the named lock is held.
        return ToPosition(await ScalarAsync($"SELECT position FROM projection_checkpoints WHERE name = '{ProjectionCheckpoints.ReadModels}' FOR UPDATE", cancellationToken));
    }

    public override async Task SwapAsync(CancellationToken cancellationToken)
    {
        await Rebuild.Database.CommitTransactionAsync(cancellationToken);
        var renames = Tables.SelectMany(t => new[] { $"{Quote(t)} TO {Quote(t + "__old")}", $"{Quote(t + ReadModelTables.RebuildSuffix)} TO {Quote(t)}" });
        await ExecuteAsync($"RENAME TABLE {string.Join(", ", renames)}", cancellationToken);
        await ExecuteAsync($"DROP TABLE {string.Join(", ", Tables.Select(t => Quote(t + "__old")))}", cancellationToken);
    }

    public override async Task UnfreezeAsync()
    {
        if (Rebuild.Database.CurrentTransaction is not null)
        {
            await Rebuild.Database.RollbackTransactionAsync();
        }

        await ScalarAsync($"SELECT RELEASE_LOCK('{FreezeLock}')", CancellationToken.None);
    }

    protected override string Quote(string name) => $"`{name}`";
}

/// <summary>
/// SQLite: the fresh tables are made from the live ones' own <c>CREATE TABLE</c> (without their secondary indexes,
/// which are built once at the end); the database's one write lock holds the live projection, and the swap is a
/// transaction of its own, since SQLite's DDL is transactional.
/// </summary>
internal sealed class SqliteShadowTables(ChatCleanDbContext rebuild, IReadOnlyList<string> tables) : ShadowTables(rebuild, tables)
{
    private readonly Dictionary<string, List<string>> _indexes = [];

    public override async Task CreateAsync(CancellationToken cancellationToken)
    {
        await DropAsync();
        foreach (var table in Tables)
        {
            var create = (await StringsAsync($"SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '{table}'", cancellationToken)).Single();
            _indexes[table] = await StringsAsync($"SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = '{table}' AND sql IS NOT NULL", cancellationToken);
            var quoted = Quote(table);
            var at = create.IndexOf(quoted, StringComparison.Ordinal);
            await ExecuteAsync(create[..at] + Quote(table + ReadModelTables.RebuildSuffix) + create[(at + quoted.Length)..], cancellationToken);
        }
    }

    /// <summary>SQLite's index names are the database's, not the table's: they are built at the swap, under the live names.</summary>
    public override Task IndexAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override async Task<long> FreezeAsync(CancellationToken cancellationToken)
    {
        await Rebuild.Database.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync($"UPDATE projection_checkpoints SET position = position WHERE name = '{ProjectionCheckpoints.ReadModels}'", cancellationToken);
        return ToPosition(await ScalarAsync($"SELECT position FROM projection_checkpoints WHERE name = '{ProjectionCheckpoints.ReadModels}'", cancellationToken));
    }

    public override async Task SwapAsync(CancellationToken cancellationToken)
    {
        foreach (var table in Tables)
        {
            await ExecuteAsync($"DROP TABLE {Quote(table)}", cancellationToken);
            await ExecuteAsync($"ALTER TABLE {Quote(table + ReadModelTables.RebuildSuffix)} RENAME TO {Quote(table)}", cancellationToken);
            foreach (var index in _indexes[table])
            {
                await ExecuteAsync(index, cancellationToken);
            }
        }

        await Rebuild.Database.CommitTransactionAsync(cancellationToken);
    }

    public override async Task UnfreezeAsync()
    {
        if (Rebuild.Database.CurrentTransaction is not null)
        {
            await Rebuild.Database.RollbackTransactionAsync();
        }
    }

    protected override string Quote(string name) => $"\"{name}\"";
}

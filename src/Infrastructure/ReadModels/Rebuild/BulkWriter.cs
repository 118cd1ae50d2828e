using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace ChatClean.Infrastructure.ReadModels.Rebuild;

/// <summary>
/// Saves what a context tracks in a few multi-row statements instead of one per row: new rows as multi-row
/// INSERTs, changed rows as multi-row upserts, removed rows by key. Values go through each property's EF type mapping,
/// so they are stored exactly as <c>SaveChanges</c> stores them. For a rebuild's bulk load, where rows come by the
/// hundred thousand and EF's one statement per row is most of the time.
/// </summary>
public static class BulkWriter
{
    /// <summary>Both providers accept this many parameters in one statement (SQLite's limit is 32,766).</summary>
    private const int MaxParameters = 30_000;

    public static async Task SaveAsync(ChatCleanDbContext db, CancellationToken cancellationToken)
    {
        db.ChangeTracker.DetectChanges();
        var entries = db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToArray();
        var mySql = db.Database.IsMySql();
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var group in entries.GroupBy(e => (e.Metadata, Removed: e.State == EntityState.Deleted)))
        {
            var entity = group.Key.Metadata;
            var table = entity.GetTableName()!;
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            var properties = entity.GetProperties().ToArray();
            var columns = properties.Select(p => Quote(p.GetColumnName(store)!, mySql)).ToArray();
            var key = entity.FindPrimaryKey()!.Properties.ToArray();
            var rows = group.ToArray();
            if (group.Key.Removed)
            {
                foreach (var row in rows)
                {
                    await using var delete = Command(connection, transaction);
                    var where = string.Join(" AND ", key.Select((p, i) => $"{Quote(p.GetColumnName(store)!, mySql)} = {Parameter(delete, p, row, $"@k{i}")}"));
                    delete.CommandText = $"DELETE FROM {Quote(table, mySql)} WHERE {where}";
                    await delete.ExecuteNonQueryAsync(cancellationToken);
                }

                continue;
            }

            var upsert = mySql
                ? " ON DUPLICATE KEY UPDATE " + string.Join(", ", columns.Select(c => $"{c} = VALUES({c})"))
                : $" ON CONFLICT ({string.Join(", ", key.Select(p => Quote(p.GetColumnName(store)!, mySql)))}) DO UPDATE SET " + string.Join(", ", columns.Select(c => $"{c} = excluded.{c}"));
            var perStatement = Math.Max(1, MaxParameters / properties.Length);
            foreach (var chunk in rows.Chunk(perStatement))
            {
                await using var command = Command(connection, transaction);
                var sql = new StringBuilder($"INSERT INTO {Quote(table, mySql)} ({string.Join(", ", columns)}) VALUES ");
                var n = 0;
                for (var r = 0; r < chunk.Length; r++)
                {
                    sql.Append(r == 0 ? "(" : ", (");
                    for (var c = 0; c < properties.Length; c++)
                    {
                        sql.Append(c == 0 ? "" : ", ").Append(Parameter(command, properties[c], chunk[r], $"@p{n++}"));
                    }

                    sql.Append(')');
                }

                // New rows of a fresh table need no upsert; a row changed twice in a page is one entry.
                command.CommandText = sql.Append(chunk.Any(e => e.State == EntityState.Modified) ? upsert : "").ToString();
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        db.ChangeTracker.Clear();
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        return command;
    }

    private static string Parameter(DbCommand command, IProperty property, EntityEntry entry, string name)
    {
        var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
        command.Parameters.Add(mapping.CreateParameter(command, name, entry.Property(property.Name).CurrentValue, property.IsNullable));
        return name;
    }

    private static string Quote(string name, bool mySql) => mySql ? $"`{name}`" : $"\"{name}\"";
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace ChatClean.Infrastructure.ReadModels.Rebuild;

/// <summary>
/// A table's content as one SHA-256: every row in primary-key order, each value in a canonical text form. Two tables
/// of the same shape hold the same rows exactly when their digests are equal.
/// </summary>
public sealed record TableDigest(string Table, long Rows, string Sha256)
{
    /// <summary>The digest of every read-model table <paramref name="db"/> maps (live or rebuild), read in its current transaction, if any.</summary>
    public static async Task<IReadOnlyList<TableDigest>> OfReadModelsAsync(ChatCleanDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var digests = new List<TableDigest>();
        foreach (var entity in ReadModelTables.EntityTypes.Select(t => db.Model.FindEntityType(t)!))
        {
            digests.Add(await OfAsync(db, entity, cancellationToken));
        }

        return digests;
    }

    private static async Task<TableDigest> OfAsync(ChatCleanDbContext db, IEntityType entity, CancellationToken cancellationToken)
    {
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var mySql = db.Database.IsMySql();
        string Quote(string name) => mySql ? $"`{name}`" : $"\"{name}\"";
        var columns = entity.GetProperties().Select(p => Quote(p.GetColumnName(store)!)).ToArray();
        var key = entity.FindPrimaryKey()!.Properties.Select(p => Quote(p.GetColumnName(store)!));

        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = $"SELECT {string.Join(", ", columns)} FROM {Quote(table)} ORDER BY {string.Join(", ", key)}";
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var row = new StringBuilder();
        long rows = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            row.Clear();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row.Append(Canonical(reader.GetValue(i))).Append('\u001f');
            }

            sha.AppendData(Encoding.UTF8.GetBytes(row.Append('\u001e').ToString()));
            rows++;
        }

        var name = table.EndsWith(ReadModelTables.RebuildSuffix, StringComparison.Ordinal) ? table[..^ReadModelTables.RebuildSuffix.Length] : table;
        return new TableDigest(name, rows, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }

    private static string Canonical(object value) => value switch
    {
        DBNull => "\u2205",
        DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToHexStringLower(bytes),
        bool b => b ? "1" : "0",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

using ChatClean.Application.Abstractions.Ai;

namespace ChatClean.Infrastructure.Ai;

public sealed class EfKnowledgeStore(ChatCleanDbContext db) : IKnowledgeStore
{
    public async Task AddAsync(KnowledgeDocument document, CancellationToken cancellationToken)
    {
        db.KnowledgeDocuments.Add(new KnowledgeDocumentRecord
        {
            Id = document.Id,
            Title = document.Title,
            Content = document.Content,
            CreatedAt = document.CreatedAt.UtcDateTime,
            UpdatedAt = document.UpdatedAt.UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<bool> UpdateAsync(Guid id, string title, string content, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var record = await db.KnowledgeDocuments.SingleOrDefaultAsync(d => d.Id == id && d.DeletedAt == null, cancellationToken);
        if (record is null)
        {
            return false;
        }

        record.Title = title;
        record.Content = content;
        record.UpdatedAt = at.UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<bool> DeleteAsync(Guid id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var record = await db.KnowledgeDocuments.SingleOrDefaultAsync(d => d.Id == id && d.DeletedAt == null, cancellationToken);
        if (record is null)
        {
            return false;
        }

        record.DeletedAt = at.UtcDateTime;
        record.UpdatedAt = at.UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<KnowledgeDocument?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var record = await db.KnowledgeDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.DeletedAt == null, cancellationToken);
        return record is null ? null : ToDocument(record);
    }

    public async Task<IReadOnlyList<KnowledgeDocument>> ListAsync(CancellationToken cancellationToken) =>
        (await db.KnowledgeDocuments.AsNoTracking().Where(d => d.DeletedAt == null).OrderBy(d => d.Title).ToListAsync(cancellationToken))
        .Select(ToDocument).ToArray();

    /// <summary>Every document changed (added, updated or deleted) at or after <paramref name="since"/>, deleted ones included, oldest change first.</summary>
    public async Task<IReadOnlyList<KnowledgeDocumentRecord>> ChangedSinceAsync(DateTime since, CancellationToken cancellationToken) =>
        await db.KnowledgeDocuments.AsNoTracking().Where(d => d.UpdatedAt >= since).OrderBy(d => d.UpdatedAt).ToListAsync(cancellationToken);

    public async Task<KnowledgeDocumentRecord?> FindRecordAsync(Guid id, CancellationToken cancellationToken) =>
        await db.KnowledgeDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);

    private static KnowledgeDocument ToDocument(KnowledgeDocumentRecord r) =>
        new(r.Id, r.Title, r.Content, new DateTimeOffset(DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc)), new DateTimeOffset(DateTime.SpecifyKind(r.UpdatedAt, DateTimeKind.Utc)));
}

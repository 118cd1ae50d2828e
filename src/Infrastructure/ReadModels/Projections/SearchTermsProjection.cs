using ChatClean.Infrastructure.ReadModels.Search;

namespace ChatClean.Infrastructure.ReadModels;

/// <summary><c>rm_search_terms</c>: the terms of every message, once per conversation (ADR 17); an erasure removes the conversation's terms.</summary>
public sealed class SearchTermsProjection : IReadModelProjection
{
    private readonly HashSet<(Guid ConversationId, string Term)> _held = [];
    private readonly Dictionary<long, (Guid ConversationId, HashSet<string> Terms)> _terms = [];
    private readonly Dictionary<(Guid ConversationId, string Term), SearchTermRow> _erased = [];

    /// <summary>Splits the page's messages into terms and loads which of them their conversations hold already (none for a conversation started in the page).</summary>
    public async Task LoadAsync(ReadModelPage page, CancellationToken cancellationToken)
    {
        foreach (var change in page.Changes)
        {
            if (change.Event is MessagePosted message)
            {
                _terms[change.Stored.Position] = (change.After.Id, SearchTerms.OfText(message.Body));
            }
        }

        var erasing = page.Changes.Where(c => c.Event is PersonalDataErased).Select(c => c.After.Id).Distinct().ToArray();
        if (erasing.Length > 0)
        {
            // Tracked, so that an erasure can remove them; they are held too.
            var rows = await page.Db.SearchTerms.Where(t => erasing.Contains(t.ConversationId)).ToListAsync(cancellationToken);
            _held.UnionWith(rows.Select(t => (t.ConversationId, t.Term)));
        }

        var startedHere = page.Changes.Where(c => c.Before is null).Select(c => c.After.Id).ToHashSet();
        var older = _terms.Values.Where(t => !startedHere.Contains(t.ConversationId) && !erasing.Contains(t.ConversationId)).ToArray();
        if (older.Length == 0)
        {
            return;
        }

        // By conversation only (a range of the primary key each), the terms sorted out here: with the terms in the
        // query too, MySQL's range optimizer multiplies conversations by terms and, past its memory limit, scans the table.
        var ids = older.Select(t => t.ConversationId).Distinct().ToArray();
        var terms = older.SelectMany(t => t.Terms).ToHashSet(StringComparer.Ordinal);
        var held = await page.Db.SearchTerms.AsNoTracking()
            .Where(t => ids.Contains(t.ConversationId))
            .Select(t => new { t.ConversationId, t.Term })
            .ToListAsync(cancellationToken);
        _held.UnionWith(held.Where(t => terms.Contains(t.Term)).Select(t => (t.ConversationId, t.Term)));
    }

    public void Apply(ReadModelPage page, ProjectedEvent change)
    {
        if (change.Event is PersonalDataErased erasure)
        {
            foreach (var row in page.Db.SearchTerms.Local.Where(t => t.ConversationId == erasure.ConversationId).ToArray())
            {
                page.Db.SearchTerms.Remove(row);
                _erased[(row.ConversationId, row.Term)] = row;
            }

            _held.RemoveWhere(t => t.ConversationId == erasure.ConversationId);
            return;
        }

        if (!_terms.TryGetValue(change.Stored.Position, out var message))
        {
            return;
        }

        var (conversationId, terms) = message;
        foreach (var term in terms)
        {
            if (!_held.Add((conversationId, term)))
            {
                continue;
            }

            // A term removed by an erasure earlier in the page and used again after it: the removal is undone.
            if (_erased.Remove((conversationId, term), out var removed))
            {
                page.Db.Entry(removed).State = page.Db.Entry(removed).State == EntityState.Detached ? EntityState.Added : EntityState.Unchanged;
                continue;
            }

            page.Db.SearchTerms.Add(new SearchTermRow { ConversationId = conversationId, Term = term, StartedAt = change.After.StartedAt.UtcDateTime });
        }
    }
}

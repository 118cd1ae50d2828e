using ChatClean.Application.Abstractions.ReadModels;
using ChatClean.Infrastructure.ReadModels.Search;

namespace ChatClean.Infrastructure.ReadModels;

/// <summary>The admin conversation search: filters, keyset paging and text over message bodies.</summary>
public sealed class ConversationSearch(ChatCleanDbContext db)
{
    /// <summary>Postings are counted up to this many to find the rarest term of a query.</summary>
    private const int CountCap = 5_000;

    public async Task<ConversationPage> SearchAsync(ConversationFilter filter, CancellationToken cancellationToken)
    {
        var query = db.Conversations.AsNoTracking();
        if (filter.Mode is { } mode)
        {
            var name = WireNames.Of(mode);
            query = query.Where(c => c.Mode == name);
        }

        if (filter.AgentId is { } agent)
        {
            query = query.Where(c => c.AgentId == agent);
        }

        if (filter.CustomerId is { } customer)
        {
            query = query.Where(c => c.CustomerId == customer);
        }

        if (filter.StartedFrom is { } from)
        {
            var start = from.UtcDateTime;
            query = query.Where(c => c.StartedAt >= start);
        }

        if (filter.StartedTo is { } to)
        {
            var end = to.UtcDateTime;
            query = query.Where(c => c.StartedAt < end);
        }

        if (filter.After is { } cursor)
        {
            var startedAt = cursor.StartedAt.UtcDateTime;
            var id = cursor.Id;
            query = query.Where(c => c.StartedAt < startedAt || (c.StartedAt == startedAt && c.Id.CompareTo(id) < 0));
        }

        var take = filter.Limit + 1;
        var rows = filter.Text is { } text
            ? await MentioningAsync(query, filter, text, take, cancellationToken)
            : await NewestFirst(query).Take(take).ToListAsync(cancellationToken);
        var items = rows.Take(filter.Limit).Select(ConversationRows.ToSummary).Select(ConversationListItem.From).ToArray();
        var next = rows.Count > filter.Limit ? new ConversationCursor(items[^1].StartedAt, items[^1].Id).Encode() : null;
        return new ConversationPage(items, next);
    }

    /// <summary>
    /// The newest <paramref name="take"/> conversations of <paramref name="query"/> whose messages hold every term of
    /// <paramref name="text"/> (<see cref="SearchTerms.OfQuery"/>), from the term index (ADR 17): the rarest term's
    /// conversations are read newest first from one index range, and each is probed for the other terms. Text with no
    /// term at all (only punctuation) is matched as a substring instead.
    /// </summary>
    private async Task<List<ConversationRow>> MentioningAsync(IQueryable<ConversationRow> query, ConversationFilter filter, string text, int take, CancellationToken cancellationToken)
    {
        var terms = SearchTerms.OfQuery(text);
        if (terms.Count == 0)
        {
            return await NewestFirst(Containing(query, text)).Take(take).ToListAsync(cancellationToken);
        }

        // How many conversations hold each term, counted up to a cap: one short index range per term.
        var counts = new List<(string Term, int Count)>();
        foreach (var term in terms)
        {
            var count = await db.SearchTerms.Where(t => t.Term == term).Take(CountCap).CountAsync(cancellationToken);
            if (count == 0)
            {
                return [];
            }

            counts.Add((term, count));
        }

        var rarest = counts.MinBy(c => c.Count).Term;
        var postings = db.SearchTerms.Where(t => t.Term == rarest);
        if (filter.StartedFrom is { } from)
        {
            var start = from.UtcDateTime;
            postings = postings.Where(t => t.StartedAt >= start);
        }

        if (filter.StartedTo is { } to)
        {
            var end = to.UtcDateTime;
            postings = postings.Where(t => t.StartedAt < end);
        }

        if (filter.After is { } cursor)
        {
            var startedAt = cursor.StartedAt.UtcDateTime;
            postings = postings.Where(t => t.StartedAt <= startedAt);
        }

        foreach (var other in counts.Select(c => c.Term).Where(t => t != rarest))
        {
            postings = postings.Where(t => db.SearchTerms.Any(o => o.ConversationId == t.ConversationId && o.Term == other));
        }

        // The index alone, then the conversations it names: joined in one statement, MariaDB would walk the conversations
        // instead (seen: 1.4 s for two common words at 100k conversations); batches continue by keyset until a page fills.
        var found = new List<ConversationRow>(take);
        var batch = Math.Max(take * 2, 100);
        while (true)
        {
            var candidates = await postings
                .OrderByDescending(t => t.StartedAt).ThenByDescending(t => t.ConversationId)
                .Select(t => new { t.ConversationId, t.StartedAt })
                .Take(batch)
                .ToListAsync(cancellationToken);
            var ids = candidates.Select(c => c.ConversationId).ToArray();
            var rows = (await query.Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken)).ToDictionary(c => c.Id);
            found.AddRange(ids.Where(rows.ContainsKey).Select(id => rows[id]).Take(take - found.Count));
            if (found.Count >= take || candidates.Count < batch)
            {
                return found;
            }

            var (lastStart, lastId) = (candidates[^1].StartedAt, candidates[^1].ConversationId);
            postings = postings.Where(t => t.StartedAt < lastStart || (t.StartedAt == lastStart && t.ConversationId.CompareTo(lastId) < 0));
        }
    }

    /// <summary>Conversations with a message that contains <paramref name="text"/> as it stands (a query without a word).</summary>
    private IQueryable<ConversationRow> Containing(IQueryable<ConversationRow> query, string text)
    {
        var pattern = "%" + EscapeLike(text) + "%";
        return query.Where(c => db.Messages.Any(m => m.ConversationId == c.Id && EF.Functions.Like(m.Body, pattern, "\\")));
    }

    private static IOrderedQueryable<ConversationRow> NewestFirst(IQueryable<ConversationRow> query) =>
        query.OrderByDescending(c => c.StartedAt).ThenByDescending(c => c.Id);

    internal static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}

using ChatClean.Application.Abstractions.ReadModels;

namespace ChatClean.Infrastructure.ReadModels;

/// <summary>The admin conversation search: filters, keyset paging and text over message bodies.</summary>
public sealed class ConversationSearch(ChatCleanDbContext db)
{
    /// <summary>InnoDB's full-text index holds words of at least this many characters (innodb_ft_min_token_size).</summary>
    private const int MinFullTextTerm = 3;

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
            ? await MentioningAsync(query, text, take, cancellationToken)
            : await NewestFirst(query).Take(take).ToListAsync(cancellationToken);
        var items = rows.Take(filter.Limit).Select(ConversationRows.ToSummary).Select(ConversationListItem.From).ToArray();
        var next = rows.Count > filter.Limit ? new ConversationCursor(items[^1].StartedAt, items[^1].Id).Encode() : null;
        return new ConversationPage(items, next);
    }

    /// <summary>
    /// The newest <paramref name="take"/> conversations of <paramref name="query"/> with a message containing every
    /// word of <paramref name="text"/>. On MySQL, when every word has three or more characters: first the newest
    /// conversations are scanned (common words fill a page there); otherwise the full-text index finds the
    /// conversations whose messages hold the most selective-looking word (one with digits, else the longest), or
    /// else all the words, at the start of a word, and those few are checked for all the words. Other text (short
    /// words, Chinese or Japanese without spaces) and SQLite scan every message. Costs at 1M messages: bench/README.md.
    /// </summary>
    private async Task<List<ConversationRow>> MentioningAsync(IQueryable<ConversationRow> query, string text, int take, CancellationToken cancellationToken)
    {
        const int RecentWindow = 2000;
        const int FewMatches = 2000;
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray()))
            .Where(w => w.Length > 0)
            .ToArray();
        if (!db.Database.IsMySql() || words.Length == 0 || words.Any(w => w.Length < MinFullTextTerm || w.Any(IsCjk)))
        {
            return await NewestFirst(Containing(query, [text])).Take(take).ToListAsync(cancellationToken);
        }

        var recent = await NewestFirst(Containing(NewestFirst(query).Take(RecentWindow), words)).Take(take).ToListAsync(cancellationToken);
        if (recent.Count == take)
        {
            return recent;
        }

        // The index: first the most selective-looking word alone (cheap when it is rare), then every word together
        // (InnoDB reads the whole posting list of each word, ~0.1-0.3 s for a common one at 1M messages).
        var selective = words.OrderByDescending(w => w.Any(char.IsDigit)).ThenByDescending(w => w.Length).First();
        foreach (var boolean in words.Length == 1 ? [$"+{selective}*"] : new[] { $"+{selective}*", string.Join(' ', words.Select(w => $"+{w}*")) })
        {
            var probe = await db.Messages
                .Where(m => EF.Functions.Match(m.Body, boolean, MySqlMatchSearchMode.Boolean) > 0)
                .Select(m => m.ConversationId)
                .Distinct()
                .Take(FewMatches + 1)
                .ToListAsync(cancellationToken);
            if (probe.Count <= FewMatches)
            {
                return await NewestFirst(Containing(query.Where(c => probe.Contains(c.Id)), words)).Take(take).ToListAsync(cancellationToken);
            }
        }

        // Many conversations match, yet not among the newest: the other filters are selective; scan what they leave.
        return await NewestFirst(Containing(query, words)).Take(take).ToListAsync(cancellationToken);
    }

    /// <summary>Conversations with one message that contains every one of <paramref name="parts"/>.</summary>
    private IQueryable<ConversationRow> Containing(IQueryable<ConversationRow> query, string[] parts)
    {
        var messages = parts.Aggregate(
            db.Messages.AsQueryable(),
            (matching, part) =>
            {
                var pattern = "%" + EscapeLike(part) + "%";
                return matching.Where(m => EF.Functions.Like(m.Body, pattern, "\\"));
            });
        return query.Where(c => messages.Any(m => m.ConversationId == c.Id));
    }

    private static IOrderedQueryable<ConversationRow> NewestFirst(IQueryable<ConversationRow> query) =>
        query.OrderByDescending(c => c.StartedAt).ThenByDescending(c => c.Id);

    internal static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private static bool IsCjk(char c) => c is (>= '\u3040' and <= '\u30ff') or (>= '\u3400' and <= '\u4dbf') or (>= '\u4e00' and <= '\u9fff') or (>= '\uac00' and <= '\ud7af');
}

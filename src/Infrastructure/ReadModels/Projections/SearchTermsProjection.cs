using ChatClean.Infrastructure.ReadModels.Search;

namespace ChatClean.Infrastructure.ReadModels;

/// <summary><c>rm_search_terms</c>: the terms of every message, once per conversation (ADR 17).</summary>
public sealed class SearchTermsProjection : IReadModelProjection
{
    private readonly HashSet<(Guid ConversationId, string Term)> _held = [];

    /// <summary>Loads which of the page's new terms its conversations already hold; a conversation started in the page holds none.</summary>
    public async Task LoadAsync(ReadModelPage page, CancellationToken cancellationToken)
    {
        var startedHere = page.Changes.Where(c => c.Before is null).Select(c => c.After.Id).ToHashSet();
        var changes = page.Changes.Where(c => c.Event is MessagePosted && !startedHere.Contains(c.After.Id)).ToArray();
        if (changes.Length == 0)
        {
            return;
        }

        var ids = changes.Select(c => c.After.Id).Distinct().ToArray();
        var terms = changes.SelectMany(c => SearchTerms.OfText(((MessagePosted)c.Event).Body)).Distinct().ToArray();
        var held = await page.Db.SearchTerms.AsNoTracking()
            .Where(t => ids.Contains(t.ConversationId) && terms.Contains(t.Term))
            .Select(t => new { t.ConversationId, t.Term })
            .ToListAsync(cancellationToken);
        _held.UnionWith(held.Select(t => (t.ConversationId, t.Term)));
    }

    public void Apply(ReadModelPage page, ProjectedEvent change)
    {
        if (change.Event is MessagePosted e)
        {
            foreach (var term in SearchTerms.OfText(e.Body))
            {
                if (_held.Add((e.ConversationId, term)))
                {
                    page.Db.SearchTerms.Add(new SearchTermRow { ConversationId = e.ConversationId, Term = term, StartedAt = change.After.StartedAt.UtcDateTime });
                }
            }
        }
    }
}

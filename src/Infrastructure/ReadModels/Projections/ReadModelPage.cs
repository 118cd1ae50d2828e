namespace ChatClean.Infrastructure.ReadModels;

/// <summary>A page of events being applied in one transaction: the context, its changes, the conversations they touch and their start days.</summary>
public sealed record ReadModelPage(ChatCleanDbContext Db, IReadOnlyList<ProjectedEvent> Changes, IReadOnlyList<Guid> ConversationIds, IReadOnlyList<DateTime> StartDays)
{
    /// <summary>Human first response times completed by this page (filled by <see cref="WaitingEpisodesProjection"/>).</summary>
    public List<TimeSpan> HumanFirstResponses { get; } = [];

    /// <summary>
    /// Folds <paramref name="events"/> into their conversations' summaries and has every projection (fresh instances,
    /// one per page) load the rows it changes and stage each change in <paramref name="db"/>; the caller saves.
    /// </summary>
    public static async Task<ReadModelPage> ApplyAsync(
        ChatCleanDbContext db, IReadOnlyList<IReadModelProjection> projections, IReadOnlyList<StoredEvent<IConversationEvent>> events, CancellationToken cancellationToken)
    {
        var projected = await FoldAsync(db, events, cancellationToken);
        var page = new ReadModelPage(db, projected, events.Select(e => e.Event.ConversationId).Distinct().ToArray(), projected.Select(p => p.StartDay).Distinct().ToArray());
        foreach (var projection in projections)
        {
            await projection.LoadAsync(page, cancellationToken);
        }

        foreach (var change in projected)
        {
            foreach (var projection in projections)
            {
                projection.Apply(page, change);
            }
        }

        return page;
    }

    /// <summary>Each event with its conversation's summary before and after it; events of conversations whose start was never seen are left out.</summary>
    private static async Task<List<ProjectedEvent>> FoldAsync(ChatCleanDbContext db, IReadOnlyList<StoredEvent<IConversationEvent>> events, CancellationToken cancellationToken)
    {
        var ids = events.Select(e => e.Event.ConversationId).Distinct().ToArray();
        var summaries = (await db.Conversations.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken))
            .ToDictionary(r => r.Id, ConversationRows.ToSummary);
        var projected = new List<ProjectedEvent>(events.Count);
        foreach (var stored in events)
        {
            var before = summaries.GetValueOrDefault(stored.Event.ConversationId);
            if (ConversationSummary.Evolve(before, stored.Event, stored.Seq) is { } after)
            {
                summaries[after.Id] = after;
                projected.Add(new ProjectedEvent(stored, before, after));
            }
        }

        return projected;
    }
}

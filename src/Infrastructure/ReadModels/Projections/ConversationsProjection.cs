namespace ChatClean.Infrastructure.ReadModels;

/// <summary><c>rm_conversations</c>: one row per conversation, the summary after its latest event.</summary>
public sealed class ConversationsProjection : IReadModelProjection
{
    private Dictionary<Guid, ConversationRow> _rows = [];

    public async Task LoadAsync(ReadModelPage page, CancellationToken cancellationToken) =>
        _rows = await page.Db.Conversations.Where(c => page.ConversationIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);

    public void Apply(ReadModelPage page, ProjectedEvent change)
    {
        if (_rows.TryGetValue(change.After.Id, out var row))
        {
            ConversationRows.Copy(change.After, row);
            return;
        }

        row = ConversationRows.NewRow(change.After);
        _rows[row.Id] = row;
        page.Db.Conversations.Add(row);
    }
}

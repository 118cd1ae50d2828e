namespace ChatClean.Infrastructure.ReadModels;

/// <summary>
/// <c>rm_agent_sessions</c>: one row per stretch of time an agent holds a conversation, from a takeover or a transfer
/// until a release, a transfer or the close, with the agent's first message in it.
/// </summary>
public sealed class AgentSessionsProjection : IReadModelProjection
{
    private Dictionary<Guid, List<AgentSessionRow>> _sessions = [];

    public async Task LoadAsync(ReadModelPage page, CancellationToken cancellationToken) =>
        _sessions = (await page.Db.AgentSessions.Where(s => page.ConversationIds.Contains(s.ConversationId)).ToListAsync(cancellationToken))
            .GroupBy(s => s.ConversationId).ToDictionary(g => g.Key, g => g.OrderBy(s => s.Session).ToList());

    public void Apply(ReadModelPage page, ProjectedEvent change)
    {
        var id = change.After.Id;
        switch (change.Event)
        {
            case AgentTookOver e:
                Open(page, change, e.AgentId, "takeover", e.Episode, e.At);
                break;
            case AgentTransferred e:
                End(id, "transferred", e.At);
                Open(page, change, e.ToAgentId, "transfer", null, e.At);
                break;
            case ConversationReleased e:
                End(id, "released", e.At);
                break;
            case ConversationClosed e:
                End(id, "closed", e.At);
                break;
            case MessagePosted { Sender: SenderKind.Agent } e when Current(id) is { EndedAt: null, FirstAgentMessageAt: null } session:
                session.FirstAgentMessageAt = e.At.UtcDateTime;
                break;
        }
    }

    private AgentSessionRow? Current(Guid conversationId) => _sessions.TryGetValue(conversationId, out var list) && list.Count > 0 ? list[^1] : null;

    private void Open(ReadModelPage page, ProjectedEvent change, Guid agentId, string startedBy, int? episode, DateTimeOffset at)
    {
        if (!_sessions.TryGetValue(change.After.Id, out var list))
        {
            _sessions[change.After.Id] = list = [];
        }

        var session = new AgentSessionRow
        {
            ConversationId = change.After.Id,
            Session = list.Count + 1,
            AgentId = agentId,
            ConversationStartedAt = change.After.StartedAt.UtcDateTime,
            StartedBy = startedBy,
            Episode = episode,
            StartedAt = at.UtcDateTime,
        };
        list.Add(session);
        page.Db.AgentSessions.Add(session);
    }

    private void End(Guid conversationId, string endedBy, DateTimeOffset at)
    {
        if (Current(conversationId) is { EndedAt: null } session)
        {
            session.EndedAt = at.UtcDateTime;
            session.EndedBy = endedBy;
        }
    }
}

namespace ChatClean.Infrastructure.ReadModels;

/// <summary>
/// <c>rm_waiting_episodes</c>: one row per <c>HumanRequested</c>, ended by the first of takeover, timeout, cancel or
/// close; a taken-over episode also keeps the first message of its agent (the human first response time).
/// </summary>
public sealed class WaitingEpisodesProjection : IReadModelProjection
{
    private Dictionary<(Guid, int), WaitingEpisodeRow> _episodes = [];

    public async Task LoadAsync(ReadModelPage page, CancellationToken cancellationToken) =>
        _episodes = (await page.Db.WaitingEpisodes.Where(e => page.ConversationIds.Contains(e.ConversationId)).ToListAsync(cancellationToken))
            .ToDictionary(e => (e.ConversationId, e.Episode));

    public void Apply(ReadModelPage page, ProjectedEvent change)
    {
        var conversation = change.After;
        if (change.Event is HumanRequested requested)
        {
            var row = new WaitingEpisodeRow
            {
                ConversationId = conversation.Id,
                Episode = requested.Episode,
                CustomerId = conversation.CustomerId,
                ConversationStartedAt = conversation.StartedAt.UtcDateTime,
                Reason = WireNames.Of(requested.Reason),
                RequestedAt = requested.At.UtcDateTime,
            };
            _episodes[(conversation.Id, requested.Episode)] = row;
            page.Db.WaitingEpisodes.Add(row);
        }
        else if (EpisodeEnd.Of(change.Event) is { } end && _episodes.GetValueOrDefault((conversation.Id, end.Episode)) is { EndedAt: null } open)
        {
            open.EndedAt = end.At.UtcDateTime;
            open.Outcome = WireNames.Of(end.Outcome);
            open.AgentId = end.AgentId;
        }
        else if (change.Event is MessagePosted { Sender: SenderKind.Agent } message &&
            _episodes.GetValueOrDefault((conversation.Id, conversation.CurrentEpisode)) is { FirstAgentMessageAt: null } latest &&
            latest.Outcome == WireNames.Of(EpisodeOutcome.TakenOver))
        {
            latest.FirstAgentMessageAt = message.At.UtcDateTime;
            page.HumanFirstResponses.Add(message.At.UtcDateTime - latest.RequestedAt);
        }
    }
}

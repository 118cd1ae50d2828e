using ChatClean.Application.Abstractions.ReadModels;

namespace ChatClean.Infrastructure.ReadModels;

/// <summary>Loads only the columns the metrics need, by the indexed conversation start time.</summary>
public sealed class EfAnalyticsReadModel(ChatCleanDbContext db) : IAnalyticsReadModel
{
    public async Task<AnalyticsFacts> LoadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var start = from.UtcDateTime;
        var end = to.UtcDateTime;
        var conversations = await db.Conversations.AsNoTracking()
            .Where(c => c.StartedAt >= start && c.StartedAt < end)
            .Select(c => new
            {
                c.Id, c.StartedAt, c.ClosedAt, c.CustomerMessages, c.AiMessages, c.AgentMessages, c.SystemMessages,
                c.FirstCustomerMessageAt, c.FirstAiReplyAt, c.HandoffCount, c.FirstHandoffReason, c.TakeoverCount, c.FeedbackRating,
            })
            .ToListAsync(cancellationToken);
        var episodes = await db.WaitingEpisodes.AsNoTracking()
            .Where(e => e.ConversationStartedAt >= start && e.ConversationStartedAt < end)
            .ToListAsync(cancellationToken);
        var sessions = await db.AgentSessions.AsNoTracking()
            .Where(s => s.ConversationStartedAt >= start && s.ConversationStartedAt < end)
            .ToListAsync(cancellationToken);

        return new AnalyticsFacts(
            conversations.Select(c => new ConversationFact(
                c.Id,
                Utc(c.StartedAt),
                Utc(c.ClosedAt),
                new MessageCounts(c.CustomerMessages, c.AiMessages, c.AgentMessages, c.SystemMessages),
                Utc(c.FirstCustomerMessageAt),
                Utc(c.FirstAiReplyAt),
                c.HandoffCount,
                c.FirstHandoffReason is { } reason ? WireNames.Parse<HandoffReason>(reason) : null,
                c.TakeoverCount,
                c.FeedbackRating)).ToArray(),
            episodes.Select(e => new EpisodeFact(
                e.ConversationId,
                e.Episode,
                Utc(e.ConversationStartedAt),
                WireNames.Parse<HandoffReason>(e.Reason),
                Utc(e.RequestedAt),
                Utc(e.EndedAt),
                e.Outcome is { } outcome ? WireNames.Parse<EpisodeOutcome>(outcome) : null,
                e.AgentId,
                Utc(e.FirstAgentMessageAt))).ToArray(),
            sessions.Select(s => new SessionFact(
                s.ConversationId,
                s.AgentId,
                Utc(s.ConversationStartedAt),
                s.StartedBy == "takeover",
                Utc(s.StartedAt),
                Utc(s.EndedAt),
                Utc(s.FirstAgentMessageAt))).ToArray());
    }

    public async Task<IReadOnlyDictionary<Guid, int>> ActiveSessionsByAgentAsync(CancellationToken cancellationToken) =>
        await db.AgentSessions.AsNoTracking()
            .Where(s => s.EndedAt == null)
            .GroupBy(s => s.AgentId)
            .Select(g => new { AgentId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.AgentId, g => g.Count, cancellationToken);

    public async Task<IReadOnlyList<DailyCounts>> DailyAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = to.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        return (await db.DailyStats.AsNoTracking().Where(d => d.Day >= start && d.Day <= end).OrderBy(d => d.Day).ToListAsync(cancellationToken))
            .Select(d => new DailyCounts(
                DateOnly.FromDateTime(d.Day),
                d.Conversations,
                d.ConversationsWithCustomerMessage,
                d.ConversationsWithHandoff,
                new MessageCounts(d.CustomerMessages, d.AiMessages, d.AgentMessages, d.SystemMessages),
                d.Episodes,
                d.EpisodesTakenOver,
                d.EpisodesTimedOut,
                d.EpisodesCancelled,
                d.EpisodesClosed,
                d.ClosedConversations,
                d.AiResolvedConversations,
                d.FeedbackCount,
                d.FeedbackSum))
            .ToArray();
    }

    public async Task<(int Waiting, int HumanSessions, int StartedSince, DateTimeOffset? OldestWaitingSince)> NowAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var start = since.UtcDateTime;
        var waiting = await db.WaitingEpisodes.AsNoTracking().Where(e => e.EndedAt == null).CountAsync(cancellationToken);
        var oldest = await db.WaitingEpisodes.AsNoTracking().Where(e => e.EndedAt == null).OrderBy(e => e.RequestedAt).Select(e => (DateTime?)e.RequestedAt).FirstOrDefaultAsync(cancellationToken);
        var sessions = await db.AgentSessions.AsNoTracking().Where(s => s.EndedAt == null).CountAsync(cancellationToken);
        var started = await db.Conversations.AsNoTracking().Where(c => c.StartedAt >= start).CountAsync(cancellationToken);
        return (waiting, sessions, started, Utc(oldest));
    }

    private static DateTimeOffset Utc(DateTime value) => ConversationRows.Utc(value);

    private static DateTimeOffset? Utc(DateTime? value) => value is { } v ? ConversationRows.Utc(v) : null;
}

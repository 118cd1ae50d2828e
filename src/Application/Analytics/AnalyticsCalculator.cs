namespace ChatClean.Application.Analytics;

/// <summary>
/// The metric definitions of docs/metrics.md, as pure functions of the facts of one window (the conversations
/// that started in it, with everything that happened to them). Durations are in seconds; rates are fractions.
/// </summary>
public static class AnalyticsCalculator
{
    public static AnalyticsSummary Summarize(DateTimeOffset from, DateTimeOffset to, AnalyticsFacts facts)
    {
        var conversations = facts.Conversations;
        var withCustomerMessage = conversations.Count(c => c.Messages.Customer > 0);
        var handedOff = conversations.Where(c => c.HandoffCount > 0).ToArray();
        var ended = facts.Episodes.Where(e => e.Outcome is not null).ToArray();
        var closed = conversations.Where(c => c.ClosedAt is not null).ToArray();
        var rated = conversations.Where(c => c.FeedbackRating is not null).Select(c => c.FeedbackRating!.Value).ToArray();
        var aiResolved = closed.Count(c => ConversationSummary.IsAiResolved(closed: true, c.Messages.Ai, c.TakeoverCount));

        return new AnalyticsSummary(
            from,
            to,
            conversations.Count,
            withCustomerMessage,
            new MessageTotals(
                new MessageCounts(
                    conversations.Sum(c => c.Messages.Customer),
                    conversations.Sum(c => c.Messages.Ai),
                    conversations.Sum(c => c.Messages.Agent),
                    conversations.Sum(c => c.Messages.System)),
                new PerConversation(
                    Stats.Of(conversations.Select(c => (double)c.Messages.Customer)),
                    Stats.Of(conversations.Select(c => (double)c.Messages.Ai)),
                    Stats.Of(conversations.Select(c => (double)c.Messages.Agent)),
                    Stats.Of(conversations.Select(c => (double)c.Messages.System)))),
            new HandoffFigures(
                handedOff.Length,
                Rate(handedOff.Length, withCustomerMessage),
                Enum.GetValues<HandoffReason>().ToDictionary(
                    reason => reason,
                    reason =>
                    {
                        var count = handedOff.Count(c => c.FirstHandoffReason == reason);
                        return new CountAndRate(count, Rate(count, withCustomerMessage));
                    })),
            new EpisodeFigures(
                ended.Length,
                facts.Episodes.Count - ended.Length,
                Enum.GetValues<EpisodeOutcome>().ToDictionary(
                    outcome => outcome,
                    outcome =>
                    {
                        var count = ended.Count(e => e.Outcome == outcome);
                        return new CountAndRate(count, Rate(count, ended.Length));
                    })),
            new WaitTimes(
                Stats.Of(ended.Where(e => e.Outcome == EpisodeOutcome.TakenOver).Select(WaitSeconds)),
                Stats.Of(ended.Select(WaitSeconds))),
            new FirstResponseTimes(
                Stats.Of(conversations
                    .Where(c => c is { FirstCustomerMessageAt: not null, FirstAiReplyAt: not null })
                    .Select(c => Seconds(c.FirstCustomerMessageAt!.Value, c.FirstAiReplyAt!.Value))),
                Stats.Of(facts.Episodes
                    .Where(e => e is { Outcome: EpisodeOutcome.TakenOver, FirstAgentMessageAt: not null })
                    .Select(e => Seconds(e.RequestedAt, e.FirstAgentMessageAt!.Value)))),
            Stats.Of(closed.Select(c => Seconds(c.StartedAt, c.ClosedAt!.Value))),
            new CountAndRate(aiResolved, Rate(aiResolved, conversations.Count)),
            new CsatFigures(
                rated.Length,
                Rate(rated.Length, closed.Length),
                rated.Length == 0 ? null : rated.Average(),
                Rate(rated.Count(r => r >= 4), rated.Length),
                Enumerable.Range(CsatRating.Min, CsatRating.Max).ToDictionary(r => r, r => rated.Count(x => x == r))));
    }

    /// <summary>One row per day or hour of the window, each computed exactly like a summary of that bucket.</summary>
    public static IReadOnlyList<TimeseriesPoint> Timeseries(DateTimeOffset from, DateTimeOffset to, TimeSpan bucket, AnalyticsFacts facts)
    {
        var points = new List<TimeseriesPoint>();
        for (var start = from; start < to; start += bucket)
        {
            var end = start + bucket < to ? start + bucket : to;
            var inBucket = new AnalyticsFacts(
                facts.Conversations.Where(c => c.StartedAt >= start && c.StartedAt < end).ToArray(),
                facts.Episodes.Where(e => e.ConversationStartedAt >= start && e.ConversationStartedAt < end).ToArray(),
                facts.Sessions.Where(s => s.ConversationStartedAt >= start && s.ConversationStartedAt < end).ToArray());
            var s = Summarize(start, end, inBucket);
            points.Add(new TimeseriesPoint(
                start,
                end,
                s.Conversations,
                s.Messages.Totals,
                s.Handoff.Rate,
                s.Episodes.Ended,
                s.Episodes.Outcomes[EpisodeOutcome.TimedOut].Rate,
                s.Episodes.Outcomes[EpisodeOutcome.TakenOver].Rate,
                s.WaitTime.All.Median,
                s.FirstResponseTime.Ai.Median,
                s.FirstResponseTime.Human.Median,
                s.AiResolution.Rate,
                s.Csat.Average));
        }

        return points;
    }

    /// <summary>Per agent, over the conversations that started in the window (active sessions, a figure of now, are filled in by the caller).</summary>
    public static IReadOnlyList<AgentFigures> Agents(AnalyticsFacts facts)
    {
        var agents = facts.Sessions.Select(s => s.AgentId)
            .Concat(facts.Episodes.Where(e => e.AgentId is not null).Select(e => e.AgentId!.Value))
            .Distinct();
        return agents
            .Select(agent =>
            {
                var sessions = facts.Sessions.Where(s => s.AgentId == agent).ToArray();
                return new AgentFigures(
                    agent,
                    sessions.Count(s => s.ByTakeover),
                    sessions.Count(s => !s.ByTakeover),
                    0,
                    Stats.Of(facts.Episodes
                        .Where(e => e is { Outcome: EpisodeOutcome.TakenOver, FirstAgentMessageAt: not null } && e.AgentId == agent)
                        .Select(e => Seconds(e.RequestedAt, e.FirstAgentMessageAt!.Value))),
                    Stats.Of(sessions.Where(s => s.EndedAt is not null).Select(s => Seconds(s.StartedAt, s.EndedAt!.Value))));
            })
            .OrderByDescending(a => a.Takeovers)
            .ThenBy(a => a.AgentId)
            .ToArray();
    }

    public static double? Rate(int part, int whole) => whole == 0 ? null : (double)part / whole;

    private static double WaitSeconds(EpisodeFact e) => Seconds(e.RequestedAt, e.EndedAt!.Value);

    private static double Seconds(DateTimeOffset from, DateTimeOffset to) => (to - from).TotalSeconds;
}

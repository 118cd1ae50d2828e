namespace ChatClean.Application.Analytics;

/// <summary>
/// The metric definitions of docs/metrics.md, as pure functions of the facts of one window (the conversations
/// that started in it, with everything that happened to them). Durations are in seconds; rates are fractions.
/// </summary>
public static class AnalyticsCalculator
{
    public static AnalyticsSummary Summarize(DateTimeOffset from, DateTimeOffset to, AnalyticsFacts facts)
    {
        // One pass over the conversations (a 30-day window holds 100k of them): counts, sums and the series to rank.
        var conversations = facts.Conversations;
        int withCustomerMessage = 0, handedOff = 0, closedCount = 0, aiResolved = 0;
        var totals = new int[4];
        var perConversation = new[] { new int[conversations.Count], new int[conversations.Count], new int[conversations.Count], new int[conversations.Count] };
        var byReason = new Dictionary<HandoffReason, int>();
        var durations = new List<double>();
        var aiFirstResponses = new List<double>();
        var rated = new List<int>();
        for (var i = 0; i < conversations.Count; i++)
        {
            var c = conversations[i];
            var m = c.Messages;
            (perConversation[0][i], perConversation[1][i], perConversation[2][i], perConversation[3][i]) = (m.Customer, m.Ai, m.Agent, m.System);
            (totals[0], totals[1], totals[2], totals[3]) = (totals[0] + m.Customer, totals[1] + m.Ai, totals[2] + m.Agent, totals[3] + m.System);
            withCustomerMessage += m.Customer > 0 ? 1 : 0;
            if (c.HandoffCount > 0)
            {
                handedOff++;
                if (c.FirstHandoffReason is { } reason)
                {
                    byReason[reason] = byReason.GetValueOrDefault(reason) + 1;
                }
            }

            if (c.ClosedAt is { } closedAt)
            {
                closedCount++;
                durations.Add(Seconds(c.StartedAt, closedAt));
                aiResolved += ConversationSummary.IsAiResolved(closed: true, m.Ai, c.TakeoverCount) ? 1 : 0;
            }

            if (c is { FirstCustomerMessageAt: { } asked, FirstAiReplyAt: { } answered })
            {
                aiFirstResponses.Add(Seconds(asked, answered));
            }

            if (c.FeedbackRating is { } rating)
            {
                rated.Add(rating);
            }
        }

        var ended = facts.Episodes.Where(e => e.Outcome is not null).ToArray();
        return new AnalyticsSummary(
            from,
            to,
            conversations.Count,
            withCustomerMessage,
            new MessageTotals(
                new MessageCounts(totals[0], totals[1], totals[2], totals[3]),
                new PerConversation(Stats.OfCounts(perConversation[0]), Stats.OfCounts(perConversation[1]), Stats.OfCounts(perConversation[2]), Stats.OfCounts(perConversation[3]))),
            new HandoffFigures(
                handedOff,
                Rate(handedOff, withCustomerMessage),
                Enum.GetValues<HandoffReason>().ToDictionary(
                    reason => reason,
                    reason => new CountAndRate(byReason.GetValueOrDefault(reason), Rate(byReason.GetValueOrDefault(reason), withCustomerMessage)))),
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
                Stats.Of(aiFirstResponses),
                Stats.Of(facts.Episodes
                    .Where(e => e is { Outcome: EpisodeOutcome.TakenOver, FirstAgentMessageAt: not null })
                    .Select(e => Seconds(e.RequestedAt, e.FirstAgentMessageAt!.Value)))),
            Stats.Of(durations),
            new CountAndRate(aiResolved, Rate(aiResolved, conversations.Count)),
            new CsatFigures(
                rated.Count,
                Rate(rated.Count, closedCount),
                rated.Count == 0 ? null : rated.Average(),
                Rate(rated.Count(r => r >= 4), rated.Count),
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

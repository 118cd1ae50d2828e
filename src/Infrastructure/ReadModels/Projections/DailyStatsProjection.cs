namespace ChatClean.Infrastructure.ReadModels;

/// <summary>
/// <c>rm_daily_stats</c>: counts per UTC day for the conversations that started that day, kept up to date as those
/// conversations go on. What counts (a first customer message, a first handoff, an AI resolution) is read from the
/// summary before and after each event.
/// </summary>
public sealed class DailyStatsProjection : IReadModelProjection
{
    private readonly Dictionary<DateTime, DailyStatsRow> _days = [];

    public async Task LoadAsync(ReadModelPage page, CancellationToken cancellationToken)
    {
        foreach (var row in await page.Db.DailyStats.Where(d => page.StartDays.Contains(d.Day)).ToListAsync(cancellationToken))
        {
            _days[row.Day] = row;
        }
    }

    public void Apply(ReadModelPage page, ProjectedEvent change)
    {
        var (before, after) = (change.Before, change.After);
        var day = DayOf(page, change.StartDay);
        switch (change.Event)
        {
            case ConversationStarted when before is null:
                day.Conversations++;
                break;
            case MessagePosted e:
                Count(day, e.Sender);
                if (before?.FirstCustomerMessageAt is null && after.FirstCustomerMessageAt is not null)
                {
                    day.ConversationsWithCustomerMessage++;
                }

                break;
            case HumanRequested:
                day.Episodes++;
                if (after.HandoffCount == 1)
                {
                    day.ConversationsWithHandoff++;
                }

                break;
            case ConversationClosed:
                day.ClosedConversations++;
                if (after.AiResolved)
                {
                    day.AiResolvedConversations++;
                }

                break;
            case FeedbackGiven e:
                day.FeedbackCount++;
                day.FeedbackSum += e.Rating;
                break;
        }

        if (EpisodeEnd.Of(change.Event) is { } end && before?.Waiting?.Episode == end.Episode)
        {
            switch (end.Outcome)
            {
                case EpisodeOutcome.TakenOver: day.EpisodesTakenOver++; break;
                case EpisodeOutcome.TimedOut: day.EpisodesTimedOut++; break;
                case EpisodeOutcome.Cancelled: day.EpisodesCancelled++; break;
                default: day.EpisodesClosed++; break;
            }
        }
    }

    private static void Count(DailyStatsRow day, SenderKind sender)
    {
        switch (sender)
        {
            case SenderKind.Customer: day.CustomerMessages++; break;
            case SenderKind.Ai: day.AiMessages++; break;
            case SenderKind.Agent: day.AgentMessages++; break;
            default: day.SystemMessages++; break;
        }
    }

    private DailyStatsRow DayOf(ReadModelPage page, DateTime day)
    {
        if (!_days.TryGetValue(day, out var row))
        {
            _days[day] = row = new DailyStatsRow { Day = day };
            page.Db.DailyStats.Add(row);
        }

        return row;
    }
}

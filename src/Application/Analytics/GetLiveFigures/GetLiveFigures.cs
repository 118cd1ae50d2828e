using ChatClean.Application.Abstractions;

namespace ChatClean.Application.Analytics;

/// <summary>What is happening now, for an admin's live view: the queue, the human sessions, the agents present, today's count.</summary>
[RequiresPermission(Permissions.AnalyticsRead)]
public sealed record GetLiveFiguresQuery(Caller Caller) : ICallerRequest, IQuery<LiveFigures>;

public sealed record LiveFigures(
    DateTimeOffset At,
    int Waiting,
    double? LongestWaitSeconds,
    int HumanSessions,
    int AgentsOnline,
    int AgentsAway,
    int ConversationsStartedToday);

public sealed class GetLiveFiguresHandler(IAnalyticsReadModel readModel, IPresence presence, TimeProvider clock) : IQueryHandler<GetLiveFiguresQuery, LiveFigures>
{
    public async ValueTask<LiveFigures> Handle(GetLiveFiguresQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (waiting, sessions, today, oldest) = await readModel.NowAsync(new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero), cancellationToken);
        var present = await presence.PresentAsync(cancellationToken);
        return new LiveFigures(
            now,
            waiting,
            oldest is { } since ? Math.Max(0, (now - since).TotalSeconds) : null,
            sessions,
            present.Count(p => p.Value == PresenceStatus.Online),
            present.Count(p => p.Value == PresenceStatus.Away),
            today);
    }
}

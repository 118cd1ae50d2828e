namespace ChatClean.Application.Abstractions.ReadModels;

/// <summary>The rows analytics are computed from, for the conversations that started in a window.</summary>
public interface IAnalyticsReadModel
{
    Task<AnalyticsFacts> LoadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Sessions agents hold right now (agent load), by agent.</summary>
    Task<IReadOnlyDictionary<Guid, int>> ActiveSessionsByAgentAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<DailyCounts>> DailyAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken);

    /// <summary>Figures of the moment: conversations waiting, human sessions open, conversations started since <paramref name="since"/>.</summary>
    Task<(int Waiting, int HumanSessions, int StartedSince, DateTimeOffset? OldestWaitingSince)> NowAsync(DateTimeOffset since, CancellationToken cancellationToken);
}

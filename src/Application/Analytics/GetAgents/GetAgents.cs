namespace ChatClean.Application.Analytics;

/// <summary>Per-agent figures: takeovers, sessions held now, human first response time, handling time.</summary>
[RequiresPermission(Permissions.AnalyticsRead)]
public sealed record GetAgentAnalyticsQuery(Caller Caller, DateTimeOffset? From, DateTimeOffset? To) : ICallerRequest, IQuery<IReadOnlyList<AgentFigures>>, IWindowQuery;

public sealed class GetAgentAnalyticsValidator : WindowValidator<GetAgentAnalyticsQuery>;

public sealed class GetAgentAnalyticsHandler(AnalyticsWindow window, IAnalyticsReadModel readModel, IUserDirectory users)
    : IQueryHandler<GetAgentAnalyticsQuery, IReadOnlyList<AgentFigures>>
{
    public async ValueTask<IReadOnlyList<AgentFigures>> Handle(GetAgentAnalyticsQuery query, CancellationToken cancellationToken)
    {
        var (from, to) = window.Resolve(query.From, query.To);
        var inWindow = await window.ComputeAsync(
            "agents", from, to, (facts, _) => ValueTask.FromResult(AnalyticsCalculator.Agents(facts)), cancellationToken);

        // Agent load is a figure of now, never cached.
        var active = await readModel.ActiveSessionsByAgentAsync(cancellationToken);
        var figures = inWindow
            .Select(f => f with { ActiveSessions = active.GetValueOrDefault(f.AgentId) })
            .Concat(active.Keys.Except(inWindow.Select(f => f.AgentId)).Select(agent => new AgentFigures(agent, 0, 0, active[agent], Stats.Of([]), Stats.Of([]))))
            .ToArray();
        var names = await users.FindManyAsync(figures.Select(f => f.AgentId).ToArray(), cancellationToken);
        return figures
            .Select(f => names.TryGetValue(f.AgentId, out var user) ? f with { Username = user.Username, DisplayName = user.DisplayName } : f)
            .ToArray();
    }
}

namespace ChatClean.Application.Analytics;

/// <summary>The figures of docs/metrics.md for the conversations that started in [from, to).</summary>
[RequiresPermission(Permissions.AnalyticsRead)]
public sealed record GetAnalyticsSummaryQuery(Caller Caller, DateTimeOffset? From, DateTimeOffset? To) : ICallerRequest, IQuery<AnalyticsSummary>, IWindowQuery;

public sealed class GetAnalyticsSummaryValidator : WindowValidator<GetAnalyticsSummaryQuery>;

public sealed class GetAnalyticsSummaryHandler(AnalyticsWindow window) : IQueryHandler<GetAnalyticsSummaryQuery, AnalyticsSummary>
{
    public ValueTask<AnalyticsSummary> Handle(GetAnalyticsSummaryQuery query, CancellationToken cancellationToken)
    {
        var (from, to) = window.Resolve(query.From, query.To);
        return window.ComputeAsync("summary", from, to, (facts, _) => ValueTask.FromResult(AnalyticsCalculator.Summarize(from, to, facts)), cancellationToken);
    }
}

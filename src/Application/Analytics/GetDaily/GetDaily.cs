namespace ChatClean.Application.Analytics;

/// <summary>The stored daily aggregates (counts per day of conversation start), cheap over long ranges.</summary>
[RequiresPermission(Permissions.AnalyticsRead)]
public sealed record GetDailyStatsQuery(Caller Caller, DateOnly? From, DateOnly? To) : ICallerRequest, IQuery<IReadOnlyList<DailyCounts>>;

public sealed class GetDailyStatsValidator : AbstractValidator<GetDailyStatsQuery>
{
    public GetDailyStatsValidator() =>
        RuleFor(q => q.To).Must((q, to) => q.From is null || to is null || (q.From <= to && to.Value.DayNumber - q.From.Value.DayNumber <= 3660))
            .WithMessage("'from' must not be after 'to', and the range spans at most ten years.");
}

public sealed class GetDailyStatsHandler(IAnalyticsReadModel readModel, TimeProvider clock) : IQueryHandler<GetDailyStatsQuery, IReadOnlyList<DailyCounts>>
{
    public async ValueTask<IReadOnlyList<DailyCounts>> Handle(GetDailyStatsQuery query, CancellationToken cancellationToken)
    {
        var to = query.To ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return await readModel.DailyAsync(query.From ?? to.AddDays(-30), to, cancellationToken);
    }
}

namespace ChatClean.Application.Analytics;

/// <summary>The main figures per day or per hour of conversation start.</summary>
[RequiresPermission(Permissions.AnalyticsRead)]
public sealed record GetAnalyticsTimeseriesQuery(Caller Caller, DateTimeOffset? From, DateTimeOffset? To, string? Bucket)
    : ICallerRequest, IQuery<IReadOnlyList<TimeseriesPoint>>, IWindowQuery;

public sealed class GetAnalyticsTimeseriesValidator : WindowValidator<GetAnalyticsTimeseriesQuery>
{
    public const int MaxBuckets = 1000;

    public GetAnalyticsTimeseriesValidator()
    {
        RuleFor(q => q.Bucket).Must(b => b is null or "day" or "hour").WithMessage("The bucket is 'day' or 'hour'.");
        RuleFor(q => q.To)
            .Must((q, to) => q.Bucket != "hour" || q.From is null || to is null || (to - q.From)!.Value.TotalHours <= MaxBuckets)
            .WithMessage($"At most {MaxBuckets} hourly buckets.");
    }
}

public sealed class GetAnalyticsTimeseriesHandler(AnalyticsWindow window) : IQueryHandler<GetAnalyticsTimeseriesQuery, IReadOnlyList<TimeseriesPoint>>
{
    public ValueTask<IReadOnlyList<TimeseriesPoint>> Handle(GetAnalyticsTimeseriesQuery query, CancellationToken cancellationToken)
    {
        var (from, to) = window.Resolve(query.From, query.To);
        var bucket = query.Bucket == "hour" ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);
        if ((to - from) / bucket > GetAnalyticsTimeseriesValidator.MaxBuckets)
        {
            from = to - (bucket * GetAnalyticsTimeseriesValidator.MaxBuckets);
        }

        return window.ComputeAsync(
            $"timeseries-{query.Bucket ?? "day"}", from, to, (facts, _) => ValueTask.FromResult(AnalyticsCalculator.Timeseries(from, to, bucket, facts)), cancellationToken);
    }
}

using ChatClean.Application.Abstractions;
using ChatClean.Application.Abstractions.ReadModels;
using FluentValidation;

namespace ChatClean.Application.Analytics;

/// <summary>
/// A window of analytics: the conversations that started in [from, to). A window that closed more than
/// <see cref="SettleTime"/> ago is cached (its figures can still change when its conversations go on, and the
/// projection then drops the cached answer); an open window is always computed afresh.
/// </summary>
public sealed class AnalyticsWindow(IAnalyticsReadModel readModel, IReadCache cache, TimeProvider clock)
{
    public static readonly TimeSpan SettleTime = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan CacheTime = TimeSpan.FromMinutes(5);

    public ValueTask<T> ComputeAsync<T>(string kind, DateTimeOffset from, DateTimeOffset to, Func<AnalyticsFacts, CancellationToken, ValueTask<T>> compute, CancellationToken cancellationToken)
    {
        async ValueTask<T> Load(CancellationToken ct) => await compute(await readModel.LoadAsync(from, to, ct), ct);

        if (to > clock.GetUtcNow() - SettleTime)
        {
            return Load(cancellationToken);
        }

        return cache.GetOrCreateAsync($"analytics:{kind}:{from.UtcTicks}:{to.UtcTicks}", Load, CacheTime, CacheTags.StartDays(from, to), cancellationToken);
    }

    /// <summary>The requested window, or the last 7 days up to now.</summary>
    public (DateTimeOffset From, DateTimeOffset To) Resolve(DateTimeOffset? from, DateTimeOffset? to)
    {
        var end = to ?? clock.GetUtcNow();
        return (from ?? end.AddDays(-7), end);
    }
}

/// <summary>A query over an analytics window; both ends optional (default: the last 7 days).</summary>
public interface IWindowQuery
{
    DateTimeOffset? From { get; }

    DateTimeOffset? To { get; }
}

/// <summary>The rules every analytics window follows: from before to, at most 366 days.</summary>
public class WindowValidator<T> : AbstractValidator<T>
    where T : IWindowQuery
{
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(366);

    public WindowValidator()
    {
        RuleFor(q => q.From).Must((q, from) => from is null || q.To is null || from < q.To).WithMessage("'from' must be before 'to'.");
        RuleFor(q => q.To).Must((q, to) => q.From is null || to is null || to - q.From <= MaxSpan).WithMessage("A window spans at most 366 days.");
    }
}

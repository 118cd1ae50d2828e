using ChatClean.Application.Abstractions;

namespace ChatClean.Application.Analytics;

/// <summary>
/// A window of analytics: the conversations that started in [from, to). Two caches keep it cheap, both dropped by
/// the projection as soon as a conversation of the day concerned changes (its figures can change long after the
/// day):
/// the answer for a window that ended more than <see cref="SettleTime"/> ago, and, in process, the facts of each
/// settled day, so that a window still open ("the last 7 days") reads only the rows of its open part.
/// </summary>
public sealed class AnalyticsWindow(IAnalyticsReadModel readModel, IReadCache cache, TimeProvider clock)
{
    public static readonly TimeSpan SettleTime = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan CacheTime = TimeSpan.FromMinutes(5);

    public ValueTask<T> ComputeAsync<T>(string kind, DateTimeOffset from, DateTimeOffset to, Func<AnalyticsFacts, CancellationToken, ValueTask<T>> compute, CancellationToken cancellationToken)
    {
        async ValueTask<T> Load(CancellationToken ct) => await compute(await LoadFactsAsync(from, to, ct), ct);

        if (to > clock.GetUtcNow() - SettleTime)
        {
            return Load(cancellationToken);
        }

        return cache.GetOrCreateAsync($"analytics:{kind}:{from.UtcTicks}:{to.UtcTicks}", Load, CacheTime, CacheTags.StartDays(from, to), cancellationToken);
    }

    /// <summary>
    /// The facts of [from, to), day by day (UTC): each settled day whole from the in-process cache (cut in memory when
    /// the window starts or ends inside it), the open rest fresh.
    /// </summary>
    public async Task<AnalyticsFacts> LoadFactsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var settled = clock.GetUtcNow() - SettleTime;
        var parts = new List<AnalyticsFacts>();
        var start = from;
        while (start < to)
        {
            var day = DateOnly.FromDateTime(start.UtcDateTime);
            var dayStart = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var dayEnd = dayStart.AddDays(1);
            if (dayEnd > settled)
            {
                parts.Add(await readModel.LoadAsync(start, to, cancellationToken));
                break;
            }

            var whole = await cache.GetOrCreateAsync(
                $"analytics:facts:{day:yyyy-MM-dd}",
                async ct => await readModel.LoadAsync(dayStart, dayEnd, ct),
                CacheTime,
                [CacheTags.StartDay(day)],
                cancellationToken,
                localOnly: true);
            var end = dayEnd < to ? dayEnd : to;
            parts.Add(start == dayStart && end == dayEnd ? whole : Cut(whole, start, end));
            start = end;
        }

        return parts.Count == 1
            ? parts[0]
            : new AnalyticsFacts([.. parts.SelectMany(p => p.Conversations)], [.. parts.SelectMany(p => p.Episodes)], [.. parts.SelectMany(p => p.Sessions)]);
    }

    /// <summary>The facts of the conversations that started in [from, to).</summary>
    private static AnalyticsFacts Cut(AnalyticsFacts facts, DateTimeOffset from, DateTimeOffset to) => new(
        [.. facts.Conversations.Where(c => c.StartedAt >= from && c.StartedAt < to)],
        [.. facts.Episodes.Where(e => e.ConversationStartedAt >= from && e.ConversationStartedAt < to)],
        [.. facts.Sessions.Where(s => s.ConversationStartedAt >= from && s.ConversationStartedAt < to)]);

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

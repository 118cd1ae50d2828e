namespace ChatClean.Application.Abstractions;

/// <summary>
/// A two-level cache for hot reads (in-process, then shared). Entries carry tags; the read-model projection
/// removes the tags its changes touch, so a cached answer is dropped as soon as it could be stale.
/// </summary>
public interface IReadCache
{
    /// <param name="localOnly">Keep the entry in this process only (large entries that are cheaper to rebuild than to ship).</param>
    ValueTask<T> GetOrCreateAsync<T>(
        string key,
        Func<CancellationToken, ValueTask<T>> factory,
        TimeSpan expiration,
        IReadOnlyCollection<string> tags,
        CancellationToken cancellationToken,
        bool localOnly = false);
}

/// <summary>The tags read-model changes invalidate.</summary>
public static class CacheTags
{
    public static string Conversation(Guid id) => $"conversation:{id:N}";

    /// <summary>Everything computed over conversations that started on <paramref name="day"/> (UTC).</summary>
    public static string StartDay(DateOnly day) => $"start-day:{day:yyyy-MM-dd}";

    public static IReadOnlyCollection<string> StartDays(DateTimeOffset from, DateTimeOffset to)
    {
        var tags = new List<string>();
        for (var day = DateOnly.FromDateTime(from.UtcDateTime); day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) < to.UtcDateTime; day = day.AddDays(1))
        {
            tags.Add(StartDay(day));
        }

        return tags;
    }
}

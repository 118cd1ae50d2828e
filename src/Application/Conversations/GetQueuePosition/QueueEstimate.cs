using Microsoft.Extensions.Options;

namespace ChatClean.Application.Conversations;

/// <summary>
/// The expected wait, from recent wait times: one median wait of the episodes that recently ended in a takeover or a
/// timeout per place in the queue, up to and including the customer's own, minus what the customer has already
/// waited; never more than the time left before the conversation falls back to the AI, which is also the answer when
/// nothing is known.
/// </summary>
public static class QueueEstimate
{
    /// <summary>How far back "recent" reaches.</summary>
    public static readonly TimeSpan RecentWindow = TimeSpan.FromHours(1);

    /// <summary>At most this many recent episodes are considered.</summary>
    public const int RecentSample = 200;

    public static TimeSpan ExpectedWait(int position, TimeSpan waited, IReadOnlyList<TimeSpan> recentWaits, TimeSpan untilTimeout) =>
        ExpectedWait(position, waited, Median(recentWaits), untilTimeout);

    /// <param name="typicalWait">The median recent wait (<see cref="Median"/>), null when nothing is known.</param>
    public static TimeSpan ExpectedWait(int position, TimeSpan waited, TimeSpan? typicalWait, TimeSpan untilTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(position, 1);
        var left = untilTimeout > TimeSpan.Zero ? untilTimeout : TimeSpan.Zero;
        if (typicalWait is not { } typical)
        {
            return left;
        }

        var expected = (typical * position) - waited;
        return expected < TimeSpan.Zero ? TimeSpan.Zero : expected > left ? left : expected;
    }

    public static TimeSpan? Median(IReadOnlyList<TimeSpan> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

using System.Diagnostics.Metrics;

namespace ChatClean.Infrastructure.Observability;

/// <summary>The event store's series (meter <c>ChatClean.EventStore</c>): append latency, appends per committed batch, the log head this node has seen.</summary>
public static class EventStoreMetrics
{
    public const string MeterName = "ChatClean.EventStore";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> AppendDuration = Meter.CreateHistogram(
        "chatclean.event_store.append_duration", "s", "From an append's arrival at the writer to its commit.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets.Fast });

    private static readonly Histogram<int> BatchSize = Meter.CreateHistogram(
        "chatclean.event_store.append_batch_size", description: "Appends committed together in one transaction (group commit).",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] });

    private static long _head;

    static EventStoreMetrics() =>
        Meter.CreateObservableGauge("chatclean.event_store.head_position", () => Head, description: "The highest log position this node has written or read.");

    /// <summary>The highest log position this node has written or read (0 before the first).</summary>
    public static long Head => Interlocked.Read(ref _head);

    public static void Appended(TimeSpan duration) => AppendDuration.Record(duration.TotalSeconds);

    public static void Committed(int appends) => BatchSize.Record(appends);

    /// <summary>Moves the head this node knows forward (never back).</summary>
    public static void Saw(long position)
    {
        var known = Interlocked.Read(ref _head);
        while (position > known)
        {
            var previous = Interlocked.CompareExchange(ref _head, position, known);
            if (previous == known)
            {
                return;
            }

            known = previous;
        }
    }
}

/// <summary>Histogram bounds in seconds, for the service's latencies.</summary>
public static class Buckets
{
    /// <summary>From 0.5 ms to 5 s: database writes, request handling.</summary>
    public static readonly IReadOnlyList<double> Fast = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    /// <summary>From 100 ms to 1 h: how long people wait and how long answers take.</summary>
    public static readonly IReadOnlyList<double> Human = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];
}

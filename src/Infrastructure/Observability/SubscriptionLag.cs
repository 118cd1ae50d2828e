using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ChatClean.Infrastructure.Observability;

/// <summary>
/// How far each subscription of this node trails the log (meter <c>ChatClean.Projections</c>): in events, the head this
/// node has seen less the subscription's position; in seconds, the age of the oldest event it was handed and has not
/// finished (0 when caught up). Readiness reads the read models' lag from here.
/// </summary>
public sealed class SubscriptionLag
{
    public const string MeterName = "ChatClean.Projections";

    private static readonly Meter Meter = new(MeterName);

    private static readonly ConcurrentDictionary<string, Progress> Subscriptions = new();

    static SubscriptionLag()
    {
        Meter.CreateObservableGauge("chatclean.projection.lag_events", () => Observe(p => p.LagEvents), description: "Events between the log head and the subscription's position.");
        Meter.CreateObservableGauge("chatclean.projection.lag_seconds", () => Observe(p => p.LagSeconds(TimeProvider.System)), description: "Age of the oldest event the subscription has yet to finish.");
    }

    /// <summary>The subscription named <paramref name="name"/>, or null before it started.</summary>
    public static Progress? Of(string name) => Subscriptions.GetValueOrDefault(name);

    public static Progress For(string name) => Subscriptions.GetOrAdd(name, static n => new Progress(n));

    private static IEnumerable<Measurement<double>> Observe(Func<Progress, double> figure) =>
        Subscriptions.Values.Select(p => new Measurement<double>(figure(p), new KeyValuePair<string, object?>("projection", p.Name)));

    /// <summary>One subscription's position and the time of the oldest event it is working on.</summary>
    public sealed class Progress(string name)
    {
        private long _position;
        private long _pendingSinceTicks;

        public string Name { get; } = name;

        public long LagEvents => Math.Max(0, EventStoreMetrics.Head - Interlocked.Read(ref _position));

        public double LagSeconds(TimeProvider clock)
        {
            var since = Interlocked.Read(ref _pendingSinceTicks);
            return since == 0 ? 0 : Math.Max(0, (clock.GetUtcNow().UtcTicks - since) / (double)TimeSpan.TicksPerSecond);
        }

        /// <summary>A page was read: its first event, recorded at <paramref name="oldest"/>, is now the oldest not finished.</summary>
        public void Reading(DateTimeOffset oldest, long last)
        {
            EventStoreMetrics.Saw(last);
            Interlocked.Exchange(ref _pendingSinceTicks, oldest.UtcTicks);
        }

        /// <summary>The subscription reached <paramref name="position"/>; <paramref name="caughtUp"/> when nothing more was there to read.</summary>
        public void At(long position, bool caughtUp)
        {
            Interlocked.Exchange(ref _position, position);
            if (caughtUp)
            {
                EventStoreMetrics.Saw(position);
                Interlocked.Exchange(ref _pendingSinceTicks, 0);
            }
        }
    }
}

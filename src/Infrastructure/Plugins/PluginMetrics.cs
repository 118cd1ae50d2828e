using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ChatClean.Infrastructure.Plugins;

/// <summary>Meter <c>ChatClean.Plugins</c>: every hook call by plugin, hook and outcome, its duration, and notices dropped.</summary>
internal static class PluginMetrics
{
    private static readonly Meter Meter = new("ChatClean.Plugins");

    private static readonly Counter<long> Calls = Meter.CreateCounter<long>(
        "chatclean.plugin.calls", description: "Plugin hook calls by plugin, hook and outcome (ok, rewritten, rejected, failed, timed_out).");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram(
        "chatclean.plugin.duration", "s", "How long plugin hook calls took (abandoned ones at the time limit).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });

    private static readonly Counter<long> Dropped = Meter.CreateCounter<long>(
        "chatclean.plugin.notices_dropped", description: "Notices for observer plugins dropped because their queue was full.");

    public static void Called(string plugin, string hook, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "plugin", plugin }, { "hook", hook }, { "outcome", outcome } };
        Calls.Add(1, tags);
        Duration.Record(elapsed.TotalSeconds, new TagList { { "plugin", plugin }, { "hook", hook } });
    }

    public static void NoticeDropped() => Dropped.Add(1);
}

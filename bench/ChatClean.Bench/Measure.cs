using System.Diagnostics;

namespace ChatClean.Bench;

/// <summary>Latency of one operation over repeated sequential calls, after a warm-up.</summary>
public sealed record Latency(string Name, int Calls, double MeanMs, double P50Ms, double P90Ms, double MaxMs)
{
    public static async Task<Latency> OfAsync(string name, Func<int, Task> call, int calls = 40, int warmup = 5)
    {
        for (var i = 0; i < warmup; i++)
        {
            await call(i);
        }

        var samples = new double[calls];
        for (var i = 0; i < calls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await call(warmup + i);
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(samples);
        return new Latency(name, calls, samples.Average(), Rank(samples, 0.5), Rank(samples, 0.9), samples[^1]);
    }

    private static double Rank(double[] sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var lower = (int)Math.Floor(h);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((h - lower) * (sorted[upper] - sorted[lower]));
    }
}

using System.Diagnostics;

namespace ChatClean.Bench;

/// <summary>Latency of one operation over repeated sequential calls, after a warm-up.</summary>
public sealed record Latency(string Name, int Calls, double MeanMs, double P50Ms, double P90Ms, double P95Ms, double MaxMs)
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
        return new Latency(name, calls, samples.Average(), Throughput.Rank(samples, 0.5), Throughput.Rank(samples, 0.9), Throughput.Rank(samples, 0.95), samples[^1]);
    }
}

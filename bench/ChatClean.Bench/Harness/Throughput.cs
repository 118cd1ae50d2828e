using System.Diagnostics;

namespace ChatClean.Bench;

/// <summary>What <c>workers</c> callers, each doing one operation after another, achieved in a fixed time: rate and latency.</summary>
public sealed record Throughput(int Workers, long Operations, double Seconds, double P50Ms, double P99Ms, double MaxMs)
{
    public double PerSecond => Operations / Seconds;

    /// <summary>
    /// Runs <paramref name="workers"/> dedicated callers (each its own task, all started together) for
    /// <paramref name="duration"/>; <paramref name="setup"/> gives each its state (a connection, a stream), then
    /// <paramref name="operation"/> runs until the time is up.
    /// </summary>
    public static async Task<Throughput> MeasureAsync<TState>(
        int workers, TimeSpan duration, Func<int, Task<TState>> setup, Func<TState, int, Task> operation, Func<TState, ValueTask>? teardown = null)
    {
        var states = await Task.WhenAll(Enumerable.Range(0, workers).Select(setup));
        var samples = new List<double>[workers];
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopwatch = new Stopwatch();
        long deadline = 0;
        var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var mine = samples[w] = new List<double>(4096);
            await start.Task;
            for (var i = 0; Stopwatch.GetTimestamp() < Volatile.Read(ref deadline); i++)
            {
                var began = Stopwatch.GetTimestamp();
                await operation(states[w], i);
                mine.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
            }
        })).ToArray();

        Volatile.Write(ref deadline, Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency));
        stopwatch.Start();
        start.SetResult();
        await Task.WhenAll(tasks);
        stopwatch.Stop();
        if (teardown is not null)
        {
            foreach (var state in states)
            {
                await teardown(state);
            }
        }

        var all = samples.SelectMany(s => s).Order().ToArray();
        return new Throughput(workers, all.Length, stopwatch.Elapsed.TotalSeconds, Rank(all, 0.5), Rank(all, 0.99), all.Length > 0 ? all[^1] : 0);
    }

    public static double Rank(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        var h = (sorted.Length - 1) * p;
        var lower = (int)Math.Floor(h);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((h - lower) * (sorted[upper] - sorted[lower]));
    }
}

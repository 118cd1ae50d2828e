namespace ChatClean.Application.Analytics;

/// <summary>Count, mean, median and 90th percentile (linear interpolation between closest ranks); null figures when empty.</summary>
public sealed record Stats(int Count, double? Mean, double? Median, double? P90)
{
    public static Stats Of(IEnumerable<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return sorted.Length == 0
            ? new Stats(0, null, null, null)
            : new Stats(sorted.Length, sorted.Average(), Percentile(sorted, 0.5), Percentile(sorted, 0.9));
    }

    /// <summary>The value at rank h = (n − 1)·p, interpolated between its neighbours (Excel PERCENTILE.INC, NumPy's default).</summary>
    public static double Percentile(double[] sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var lower = (int)Math.Floor(h);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((h - lower) * (sorted[upper] - sorted[lower]));
    }
}

public sealed record CountAndRate(int Count, double? Rate);

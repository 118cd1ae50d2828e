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

    /// <summary>
    /// The same figures for small non-negative whole numbers (messages per conversation), from a histogram instead of
    /// a sort: exact, and linear in the count.
    /// </summary>
    public static Stats OfCounts(IReadOnlyList<int> values)
    {
        if (values.Count == 0)
        {
            return new Stats(0, null, null, null);
        }

        var histogram = new int[values.Max() + 1];
        long sum = 0;
        foreach (var v in values)
        {
            histogram[v]++;
            sum += v;
        }

        double At(long rank)
        {
            long seen = 0;
            for (var v = 0; v < histogram.Length; v++)
            {
                seen += histogram[v];
                if (seen > rank)
                {
                    return v;
                }
            }

            return histogram.Length - 1;
        }

        double Percentile(double p)
        {
            var h = (values.Count - 1) * p;
            var lower = (long)Math.Floor(h);
            var upper = Math.Min(lower + 1, values.Count - 1);
            var low = At(lower);
            return low + ((h - lower) * (At(upper) - low));
        }

        return new Stats(values.Count, (double)sum / values.Count, Percentile(0.5), Percentile(0.9));
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

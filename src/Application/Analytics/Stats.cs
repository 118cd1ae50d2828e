namespace ChatClean.Application.Analytics;

/// <summary>Count, mean, median and 90th percentile (linear interpolation between closest ranks); null figures when empty.</summary>
public sealed record Stats(int Count, double? Mean, double? Median, double? P90)
{
    public static Stats Of(IEnumerable<double> values)
    {
        var items = values.ToArray();
        if (items.Length == 0)
        {
            return new Stats(0, null, null, null);
        }

        // Order statistics by selection (linear) instead of a sort: windows of 100k conversations are common.
        return new Stats(items.Length, items.Average(), Percentile(items.Length, 0.5, k => Select(items, k)), Percentile(items.Length, 0.9, k => Select(items, k)));
    }

    /// <summary>The k-th smallest value (0-based) of <paramref name="values"/>, which it reorders (Hoare's selection).</summary>
    public static double Select(double[] values, int k)
    {
        int left = 0, right = values.Length - 1;
        while (left < right)
        {
            var pivot = values[left + ((right - left) / 2)];
            int i = left, j = right;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                right = j;
            }
            else if (k >= i)
            {
                left = i;
            }
            else
            {
                return values[k];
            }
        }

        return values[k];
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

        // The value at a rank: walk the histogram's cumulative counts.
        double At(int rank)
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

        return new Stats(values.Count, (double)sum / values.Count, Percentile(values.Count, 0.5, At), Percentile(values.Count, 0.9, At));
    }

    /// <summary>The value at rank h = (n − 1)·p of sorted values, interpolated between its neighbours (Excel PERCENTILE.INC, NumPy's default).</summary>
    public static double Percentile(double[] sorted, double p) => Percentile(sorted.Length, p, k => sorted[k]);

    /// <summary>The same rule for <paramref name="count"/> values known by rank (0-based, smallest first).</summary>
    private static double Percentile(int count, double p, Func<int, double> valueAtRank)
    {
        var h = (count - 1) * p;
        var lower = (int)Math.Floor(h);
        var upper = Math.Min(lower + 1, count - 1);
        var low = valueAtRank(lower);
        return low + ((h - lower) * (valueAtRank(upper) - low));
    }
}

public sealed record CountAndRate(int Count, double? Rate);

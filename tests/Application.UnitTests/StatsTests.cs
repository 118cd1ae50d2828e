using ChatClean.Application.Conversations;
using ChatClean.Application.Abstractions.ReadModels;
using ChatClean.Application.Analytics;
using ChatClean.Domain.Conversations;

namespace ChatClean.Application.UnitTests;

public sealed class Stats_of_a_set_of_values
{
    [Fact]
    public void An_empty_set_has_a_count_of_zero_and_no_figures() =>
        Stats.Of([]).ShouldBe(new Stats(0, null, null, null));

    [Fact]
    public void One_value_is_its_own_mean_median_and_p90() =>
        Stats.Of([7]).ShouldBe(new Stats(1, 7, 7, 7));

    [Fact]
    public void The_median_of_an_even_count_is_halfway_between_the_middle_values() =>
        Stats.Of([4, 1, 3, 2]).Median.ShouldBe(2.5);

    [Fact]
    public void P90_interpolates_between_the_closest_ranks()
    {
        // n = 11: rank (11 − 1) · 0.9 = 9 exactly → the 10th smallest value.
        Stats.Of(Enumerable.Range(0, 11).Select(i => i * 10.0)).P90.ShouldBe(90);

        // n = 5: rank 3.6 → 60 % of the way from the 4th (60) to the 5th (90) value.
        Stats.Of([20, 30, 40, 60, 90]).P90!.Value.ShouldBe(78, 1e-12);
    }

    [Fact]
    public void Values_need_not_be_sorted() =>
        Stats.Of([90, 20, 60, 40, 30]).ShouldBe(Stats.Of([20, 30, 40, 60, 90]));
}

public sealed class Summaries_of_an_empty_window
{
    [Fact]
    public void Rates_are_absent_rather_than_zero_when_nothing_could_be_counted()
    {
        var summary = AnalyticsCalculator.Summarize(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1), new AnalyticsFacts([], [], []));

        summary.Conversations.ShouldBe(0);
        summary.Handoff.Rate.ShouldBeNull();
        summary.AiResolution.Rate.ShouldBeNull();
        summary.Csat.ResponseRate.ShouldBeNull();
        summary.Csat.Average.ShouldBeNull();
        summary.Episodes.Outcomes.Values.ShouldAllBe(o => o.Count == 0 && o.Rate == null);
        summary.WaitTime.All.Count.ShouldBe(0);
    }

    [Fact]
    public void An_open_episode_is_counted_apart_and_not_in_the_outcome_rates()
    {
        var start = DateTimeOffset.UnixEpoch;
        var facts = new AnalyticsFacts(
            [],
            [
                new EpisodeFact(Guid.NewGuid(), 1, start, HandoffReason.CustomerAsked, start, start.AddSeconds(5), EpisodeOutcome.TimedOut, null, null),
                new EpisodeFact(Guid.NewGuid(), 1, start, HandoffReason.CustomerAsked, start, null, null, null, null),
            ],
            []);

        var summary = AnalyticsCalculator.Summarize(start, start.AddDays(1), facts);

        summary.Episodes.Ended.ShouldBe(1);
        summary.Episodes.Open.ShouldBe(1);
        summary.Episodes.Outcomes[EpisodeOutcome.TimedOut].Rate.ShouldBe(1);
        summary.WaitTime.All.ShouldBe(new Stats(1, 5, 5, 5));
    }
}

public sealed class Stats_of_counts
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 5)]
    [InlineData(11, 3)]
    [InlineData(1000, 40)]
    public void Equal_the_figures_of_the_sorted_values(int count, int max)
    {
        var random = new Random(count * 31 + max);
        var values = Enumerable.Range(0, count).Select(_ => random.Next(max + 1)).ToArray();
        Stats.OfCounts(values).ShouldBe(Stats.Of(values.Select(v => (double)v)));
    }

    [Fact]
    public void Of_nothing_are_empty() => Stats.OfCounts([]).ShouldBe(new Stats(0, null, null, null));
}

public sealed class Stats_by_selection
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(10)]
    [InlineData(999)]
    [InlineData(20_000)]
    public void Equal_the_percentiles_of_the_sorted_values(int count)
    {
        var random = new Random(count);
        var values = Enumerable.Range(0, count).Select(_ => Math.Round(random.NextDouble() * 100, random.Next(3))).ToArray();
        var sorted = values.Order().ToArray();
        var stats = Stats.Of(values);
        stats.Median.ShouldBe(Stats.Percentile(sorted, 0.5));
        stats.P90.ShouldBe(Stats.Percentile(sorted, 0.9));
        stats.Mean!.Value.ShouldBe(sorted.Average(), 1e-9);
    }

    [Fact]
    public void Selects_every_rank_of_values_with_repeats()
    {
        double[] values = [5, 1, 5, 3, 3, 9, 0, 5, 1];
        var sorted = values.Order().ToArray();
        for (var k = 0; k < values.Length; k++)
        {
            Stats.Select([.. values], k).ShouldBe(sorted[k], $"rank {k}");
        }
    }
}

using System.Diagnostics.Metrics;
using System.Text.Json;

namespace ChatClean.Application.Ai;

/// <summary>The AI's instruments (meter <see cref="MeterName"/>), exported at <c>/metrics</c>.</summary>
public static class AiMetrics
{
    public const string MeterName = "ChatClean.Ai";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Replies = Meter.CreateCounter<long>("chatclean.ai.replies", description: "AI replies by provider and outcome.");
    /// <summary>From 50 ms to 2 min: a model's first token and its whole answer.</summary>
    private static readonly IReadOnlyList<double> ModelSeconds = [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 20, 30, 60, 120];

    private static readonly Histogram<double> FirstToken = Meter.CreateHistogram(
        "chatclean.ai.first_token", "s", "From the start of a reply to its first text.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ModelSeconds });

    private static readonly Histogram<double> Duration = Meter.CreateHistogram(
        "chatclean.ai.reply_duration", "s", "From the start of a reply to its end.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ModelSeconds });
    private static readonly Counter<long> Tokens = Meter.CreateCounter<long>("chatclean.ai.tokens", description: "Tokens reported by the model, by direction (input, output).");
    private static readonly Counter<long> Errors = Meter.CreateCounter<long>("chatclean.ai.errors", description: "Model calls that failed, by reason.");

    public static void Reply(AiProvider provider, AiReplyOutcome outcome) => Replies.Add(1, Tag("provider", provider), Tag("outcome", outcome));

    public static void FirstText(TimeSpan elapsed) => FirstToken.Record(elapsed.TotalSeconds);

    public static void Finished(AiProvider provider, TimeSpan elapsed) => Duration.Record(elapsed.TotalSeconds, Tag("provider", provider));

    public static void Usage(long input, long output)
    {
        Tokens.Add(input, new KeyValuePair<string, object?>("direction", "input"));
        Tokens.Add(output, new KeyValuePair<string, object?>("direction", "output"));
    }

    public static void ModelFailed(string reason) => Errors.Add(1, Tag("reason", reason));

    private static KeyValuePair<string, object?> Tag(string name, object value) => new(name, JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString()!));
}

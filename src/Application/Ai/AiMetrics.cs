using System.Diagnostics.Metrics;
using System.Text.Json;

namespace ChatClean.Application.Ai;

/// <summary>The AI's instruments (meter <see cref="MeterName"/>), exported at <c>/metrics</c>.</summary>
public static class AiMetrics
{
    public const string MeterName = "ChatClean.Ai";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Replies = Meter.CreateCounter<long>("chatclean.ai.replies", description: "AI replies by provider and outcome.");
    private static readonly Histogram<double> FirstToken = Meter.CreateHistogram<double>("chatclean.ai.first_token", "ms", "From the start of a reply to its first text.");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("chatclean.ai.reply_duration", "ms", "From the start of a reply to its end.");
    private static readonly Counter<long> Tokens = Meter.CreateCounter<long>("chatclean.ai.tokens", description: "Tokens reported by the model, by direction (input, output).");
    private static readonly Counter<long> Errors = Meter.CreateCounter<long>("chatclean.ai.errors", description: "Model calls that failed, by reason.");

    public static void Reply(AiProvider provider, AiReplyOutcome outcome) => Replies.Add(1, Tag("provider", provider), Tag("outcome", outcome));

    public static void FirstText(TimeSpan elapsed) => FirstToken.Record(elapsed.TotalMilliseconds);

    public static void Finished(AiProvider provider, TimeSpan elapsed) => Duration.Record(elapsed.TotalMilliseconds, Tag("provider", provider));

    public static void Usage(long input, long output)
    {
        Tokens.Add(input, new KeyValuePair<string, object?>("direction", "input"));
        Tokens.Add(output, new KeyValuePair<string, object?>("direction", "output"));
    }

    public static void ModelFailed(string reason) => Errors.Add(1, Tag("reason", reason));

    private static KeyValuePair<string, object?> Tag(string name, object value) => new(name, JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString()!));
}

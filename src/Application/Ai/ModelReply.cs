using System.Diagnostics;
using System.Text;
using ChatClean.Application.Abstractions.Ai;

namespace ChatClean.Application.Ai;

/// <summary>Streams one answer from the model: its text goes out as deltas as it comes, without the handoff marker.</summary>
public static class ModelReply
{
    /// <summary>The model asks for a person by writing this marker (the prompt tells it how).</summary>
    public const string HandoffMarker = "[[HUMAN]]";

    /// <returns>The answer's text, and whether the model asked for a person.</returns>
    public static async Task<(string Answer, bool Handoff)> StreamAsync(
        IAiModel model, AiPrompt prompt, ReplyDeltas stream, long started, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var marker = new HandoffMarkerFilter(HandoffMarker);
        var handoff = false;
        var first = true;
        await foreach (var update in model.StreamAsync(prompt, cancellationToken))
        {
            switch (update)
            {
                case AiText piece:
                    if (first)
                    {
                        AiMetrics.FirstText(Stopwatch.GetElapsedTime(started));
                        first = false;
                    }

                    var visible = marker.Push(piece.Text);
                    text.Append(visible);
                    stream.Text(visible);
                    break;
                case AiHandoff:
                    handoff = true;
                    break;
                case AiUsage usage:
                    AiMetrics.Usage(usage.InputTokens, usage.OutputTokens);
                    break;
            }
        }

        var rest = marker.Flush();
        text.Append(rest);
        stream.Text(rest);
        return (text.ToString(), handoff || marker.Found);
    }
}

using ChatClean.Application.Abstractions.Ai;

namespace ChatClean.Application.Ai;

/// <summary>Publishes a reply's text as it is written, in numbered pieces of a few dozen characters, then how it ended.</summary>
public sealed class ReplyDeltas(IReplyChannel channel, Guid conversationId, Guid replyId)
{
    private const int DeltaChars = 24;
    private int _index;

    public void Text(string text)
    {
        for (var start = 0; start < text.Length; start += DeltaChars)
        {
            channel.Publish(new ReplyDelta(conversationId, replyId, _index++, text.Substring(start, Math.Min(DeltaChars, text.Length - start)), null));
        }
    }

    /// <summary>What was streamed so far is void (the model failed mid-reply; another answer follows).</summary>
    public void Reset() => channel.Publish(new ReplyDelta(conversationId, replyId, _index++, null, "reset"));

    /// <summary>The reply ended: <c>posted</c>, <c>dropped</c> or <c>failed</c>.</summary>
    public void End(string outcome) => channel.Publish(new ReplyDelta(conversationId, replyId, _index++, null, outcome));
}

namespace ChatClean.Application.Abstractions.Ai;

/// <summary>
/// A streamed piece of an AI reply for the customer's screen. <see cref="Outcome"/> is set on the last one:
/// <c>posted</c> (the reply is now a message with id <see cref="ReplyId"/>), <c>dropped</c> (an agent took over),
/// <c>failed</c>. <c>reset</c> tells the client to clear what it showed (the model failed and another answer follows).
/// </summary>
public sealed record ReplyDelta(Guid ConversationId, Guid ReplyId, int Index, string? Text, string? Outcome);

/// <summary>Carries reply deltas to every node (their WebSocket connections show them); lossy, never stored.</summary>
public interface IReplyChannel
{
    void Publish(ReplyDelta delta);

    /// <summary>Every node's deltas, this node's included, as they arrive.</summary>
    void Subscribe(Action<ReplyDelta> handler);
}

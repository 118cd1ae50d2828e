using System.Collections.Concurrent;

namespace ChatClean.Application.Ai;

/// <summary>
/// The AI replies in progress on this node, so that what the event log says next can stop them at once: a takeover,
/// a handoff or a close stops every reply of the conversation (its deltas stop and its answer is never posted into
/// the human session); a newer customer message stops the replies to older ones (the newer reply answers them all).
/// </summary>
public sealed class ReplyInterrupts
{
    private readonly ConcurrentDictionary<(Guid ConversationId, long Seq), CancellationTokenSource> _running = new();

    /// <summary>Registers the reply to the customer message at <paramref name="seq"/>; dispose the result when it ends.</summary>
    public Registration Begin(Guid conversationId, long seq, CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _running[(conversationId, seq)] = source;
        return new Registration(this, (conversationId, seq), source);
    }

    /// <summary>Stops the conversation's replies in progress on this node to customer messages before <paramref name="beforeSeq"/>.</summary>
    public void Interrupt(Guid conversationId, long beforeSeq = long.MaxValue)
    {
        foreach (var (key, source) in _running)
        {
            if (key.ConversationId == conversationId && key.Seq < beforeSeq)
            {
                try
                {
                    source.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // It ended meanwhile.
                }
            }
        }
    }

    public sealed class Registration(ReplyInterrupts owner, (Guid, long) key, CancellationTokenSource source) : IDisposable
    {
        public CancellationToken Token => source.Token;

        public void Dispose()
        {
            owner._running.TryRemove(new KeyValuePair<(Guid, long), CancellationTokenSource>(key, source));
            source.Dispose();
        }
    }
}

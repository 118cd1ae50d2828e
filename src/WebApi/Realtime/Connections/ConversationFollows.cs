namespace ChatClean.WebApi.Realtime;

/// <summary>
/// The conversations one connection follows, and per conversation the last seq it delivered: anything at or below it
/// is dropped, so a frame that arrives twice (live and through a resume) is sent once. During a resume, live frames
/// are held back and released in order after the history. <paramref name="following"/> hears of a conversation
/// before it is followed.
/// </summary>
public sealed class ConversationFollows(Action<ServerFrame> send, Action<Guid> following)
{
    private readonly Dictionary<Guid, Follow> _follows = [];
    private readonly Lock _lock = new();

    public bool Contains(Guid conversationId)
    {
        lock (_lock)
        {
            return _follows.ContainsKey(conversationId);
        }
    }

    public IReadOnlyCollection<Guid> Conversations
    {
        get
        {
            lock (_lock)
            {
                return [.. _follows.Keys];
            }
        }
    }

    /// <summary>The seq of the last frame of the conversation sent to this connection, or null when it does not follow it.</summary>
    public long? LastSent(Guid conversationId)
    {
        lock (_lock)
        {
            return _follows.TryGetValue(conversationId, out var follow) ? follow.LastSeq : null;
        }
    }

    /// <summary>Starts following a conversation live from <paramref name="afterSeq"/>, without history (a no-op if followed already).</summary>
    public void Start(Guid conversationId, long afterSeq)
    {
        following(conversationId);
        lock (_lock)
        {
            _follows.TryAdd(conversationId, new Follow(afterSeq, syncing: false));
        }
    }

    /// <summary>Sends <paramref name="history"/> (everything after <paramref name="afterSeq"/>) and then the live frames held back meanwhile.</summary>
    public async Task ResumeAsync(Guid conversationId, long afterSeq, Func<Task<IReadOnlyList<ServerFrame>>> history)
    {
        following(conversationId);
        lock (_lock)
        {
            _follows[conversationId] = new Follow(afterSeq, syncing: true);
        }

        IReadOnlyList<ServerFrame> missed;
        try
        {
            missed = await history();
        }
        catch
        {
            lock (_lock)
            {
                _follows.Remove(conversationId);
            }

            throw;
        }

        lock (_lock)
        {
            var follow = _follows[conversationId];
            foreach (var frame in missed.Concat(follow.Held))
            {
                if (frame.Seq > follow.LastSeq)
                {
                    follow.LastSeq = frame.Seq.Value;
                    send(frame);
                }
            }

            follow.Held.Clear();
            follow.Syncing = false;
            send(ServerFrame.Create("resumed", new { ConversationId = conversationId, Seq = follow.LastSeq }, conversationId));
        }
    }

    /// <summary>A live frame about a conversation: sent if followed and new, held back during a resume.</summary>
    public void Deliver(ServerFrame frame)
    {
        lock (_lock)
        {
            if (frame.ConversationId is not { } id || !_follows.TryGetValue(id, out var follow))
            {
                return;
            }

            if (follow.Syncing)
            {
                follow.Held.Add(frame);
            }
            else if (frame.Seq > follow.LastSeq)
            {
                follow.LastSeq = frame.Seq.Value;
                send(frame);
            }
        }
    }

    private sealed class Follow(long lastSeq, bool syncing)
    {
        public long LastSeq { get; set; } = lastSeq;

        public bool Syncing { get; set; } = syncing;

        public List<ServerFrame> Held { get; } = [];
    }
}

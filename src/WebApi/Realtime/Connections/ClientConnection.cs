using System.Net.WebSockets;

namespace ChatClean.WebApi.Realtime;

/// <summary>
/// One client socket: who it is, its <see cref="Outbox"/>, the conversations it follows
/// (<see cref="ConversationFollows"/>), its frame rate limit and typing throttle.
/// </summary>
public sealed class ClientConnection : IDisposable
{
    public const WebSocketCloseStatus SendQueueFull = (WebSocketCloseStatus)4008;
    public const WebSocketCloseStatus IdleTimeout = (WebSocketCloseStatus)4002;
    public const WebSocketCloseStatus SessionRevoked = (WebSocketCloseStatus)4001;

    private readonly Outbox _queue;
    private readonly ConversationFollows _follows;

    public ClientConnection(WebSocket socket, Caller caller, int sendQueueCapacity)
    {
        Caller = caller;
        _queue = new Outbox(socket, sendQueueCapacity);
        _follows = new ConversationFollows(_queue.Enqueue, id => Following?.Invoke(id));
    }

    /// <summary>Told of every conversation this connection starts to follow, before it does (the node's index).</summary>
    public Action<Guid>? Following { get; set; }

    /// <summary>The conversations this connection follows.</summary>
    public IReadOnlyCollection<Guid> Followed => _follows.Conversations;

    public Guid Id { get; } = Guid.NewGuid();

    public Caller Caller { get; }

    /// <summary>An admin connection that asked for the live figures.</summary>
    public bool WatchesFigures { get; set; }

    public FrameRateLimiter Frames { get; } = new();

    public TypingThrottle Typing { get; } = new();

    /// <summary>Cancelled when the connection is being closed, for whatever reason.</summary>
    public CancellationToken Closing => _queue.Closing;

    public bool IsSubscribed(Guid conversationId) => _follows.Contains(conversationId);

    /// <inheritdoc cref="ConversationFollows.LastSent"/>
    public long? LastDelivered(Guid conversationId) => _follows.LastSent(conversationId);

    /// <summary>A frame not tied to a conversation's seq (ack, error, pong, typing, queue.updated).</summary>
    public void Send(ServerFrame frame) => _queue.Enqueue(frame);

    /// <summary>Starts following a conversation live from <paramref name="afterSeq"/>, without history.</summary>
    public void Follow(Guid conversationId, long afterSeq) => _follows.Start(conversationId, afterSeq);

    /// <inheritdoc cref="ConversationFollows.ResumeAsync"/>
    public Task ResumeAsync(Guid conversationId, long afterSeq, Func<Task<IReadOnlyList<ServerFrame>>> history) =>
        _follows.ResumeAsync(conversationId, afterSeq, history);

    /// <inheritdoc cref="ConversationFollows.Deliver"/>
    public void Deliver(ServerFrame frame) => _follows.Deliver(frame);

    public Task RunSendLoopAsync() => _queue.RunAsync();

    public void Close(WebSocketCloseStatus status, string reason) => _queue.Close(status, reason);

    public void Abort() => _queue.Abort();

    public void Dispose() => _queue.Dispose();
}

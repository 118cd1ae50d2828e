using System.Net.WebSockets;
using System.Threading.Channels;
using ChatClean.Application.Common;

namespace ChatClean.WebApi.Realtime;

/// <summary>
/// One client socket. Frames to the client go through a bounded queue drained by one send loop, so a slow client
/// never blocks anyone else: when its queue is full it is disconnected (4008). Per conversation the connection
/// remembers the last seq it delivered and drops anything at or below it, so a frame that arrives twice (live and
/// through a resume) is sent once.
/// </summary>
public sealed class ClientConnection : IDisposable
{
    public const WebSocketCloseStatus SendQueueFull = (WebSocketCloseStatus)4008;
    public const WebSocketCloseStatus IdleTimeout = (WebSocketCloseStatus)4002;
    public const WebSocketCloseStatus SessionRevoked = (WebSocketCloseStatus)4001;

    private readonly WebSocket _socket;
    private readonly Channel<ServerFrame> _outbox;
    private readonly Dictionary<Guid, Subscription> _subscriptions = [];
    private readonly Dictionary<Guid, DateTimeOffset> _lastTyping = [];
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _closing = new();
    private (WebSocketCloseStatus Status, string Reason)? _closeWith;
    private double _tokens;
    private long _bucketStamp;

    public ClientConnection(WebSocket socket, Caller caller, int sendQueueCapacity)
    {
        _socket = socket;
        Caller = caller;
        _outbox = Channel.CreateBounded<ServerFrame>(new BoundedChannelOptions(sendQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public Guid Id { get; } = Guid.NewGuid();

    public Caller Caller { get; }

    /// <summary>An admin connection that asked for the live figures.</summary>
    public bool WatchesFigures { get; set; }

    /// <summary>Cancelled when the connection is being closed, for whatever reason.</summary>
    public CancellationToken Closing => _closing.Token;

    /// <summary>Whether a typing notice for <paramref name="conversationId"/> may be relayed now (throttle).</summary>
    public bool TypingAllowed(Guid conversationId, DateTimeOffset now, TimeSpan interval)
    {
        lock (_lock)
        {
            if (_lastTyping.TryGetValue(conversationId, out var last) && now - last < interval)
            {
                return false;
            }

            _lastTyping[conversationId] = now;
            return true;
        }
    }

    /// <summary>Token bucket of incoming frames: <paramref name="burst"/> at once, then <paramref name="perSecond"/>.</summary>
    public bool TryTakeFrameToken(long timestamp, long frequency, double perSecond, int burst)
    {
        lock (_lock)
        {
            if (_bucketStamp != 0)
            {
                _tokens = Math.Min(burst, _tokens + ((timestamp - _bucketStamp) * perSecond / frequency));
            }
            else
            {
                _tokens = burst;
            }

            _bucketStamp = timestamp;
            if (_tokens < 1)
            {
                return false;
            }

            _tokens--;
            return true;
        }
    }

    public bool IsSubscribed(Guid conversationId)
    {
        lock (_lock)
        {
            return _subscriptions.ContainsKey(conversationId);
        }
    }

    /// <summary>A frame not tied to a conversation's seq (ack, error, pong, typing, queue.updated).</summary>
    public void Send(ServerFrame frame) => Enqueue(frame);

    /// <summary>Starts following a conversation live from <paramref name="afterSeq"/>, without history.</summary>
    public void Follow(Guid conversationId, long afterSeq)
    {
        lock (_lock)
        {
            if (!_subscriptions.ContainsKey(conversationId))
            {
                _subscriptions[conversationId] = new Subscription(afterSeq, syncing: false);
            }
        }
    }

    /// <summary>
    /// Resume: live frames of the conversation are held back while <paramref name="history"/> (everything after
    /// <paramref name="afterSeq"/>) is sent, then released in order, skipping what the history already carried.
    /// </summary>
    public async Task ResumeAsync(Guid conversationId, long afterSeq, Func<Task<IReadOnlyList<ServerFrame>>> history)
    {
        lock (_lock)
        {
            _subscriptions[conversationId] = new Subscription(afterSeq, syncing: true);
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
                _subscriptions.Remove(conversationId);
            }

            throw;
        }

        lock (_lock)
        {
            var subscription = _subscriptions[conversationId];
            foreach (var frame in missed.Concat(subscription.Held))
            {
                if (frame.Seq > subscription.LastSeq)
                {
                    subscription.LastSeq = frame.Seq.Value;
                    Enqueue(frame);
                }
            }

            subscription.Held.Clear();
            subscription.Syncing = false;
            Enqueue(ServerFrame.Create("resumed", new { ConversationId = conversationId, Seq = subscription.LastSeq }, conversationId));
        }
    }

    /// <summary>A live frame about a conversation: delivered if followed and new, held back during a resume.</summary>
    public void Deliver(ServerFrame frame)
    {
        lock (_lock)
        {
            if (frame.ConversationId is not { } id || !_subscriptions.TryGetValue(id, out var subscription))
            {
                return;
            }

            if (subscription.Syncing)
            {
                subscription.Held.Add(frame);
            }
            else if (frame.Seq > subscription.LastSeq)
            {
                subscription.LastSeq = frame.Seq.Value;
                Enqueue(frame);
            }
        }
    }

    /// <summary>Sends queued frames until the connection closes; then closes the socket with the reason recorded.</summary>
    public async Task RunSendLoopAsync()
    {
        try
        {
            await foreach (var frame in _outbox.Reader.ReadAllAsync(_closing.Token))
            {
                await _socket.SendAsync(frame.Utf8, WebSocketMessageType.Text, endOfMessage: true, _closing.Token);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The peer went away or the connection was torn down; nothing is left to send.
        }

        if (_closeWith is { } close && _socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _socket.CloseOutputAsync(close.Status, close.Reason, timeout.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or ObjectDisposedException)
            {
                _socket.Abort();
            }
        }

        // A client that does not answer the close frame is not waited for long.
        if (!_closing.IsCancellationRequested)
        {
            _closing.CancelAfter(TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>Sends what is queued, then closes with <paramref name="status"/> (the send loop does the closing).</summary>
    public void Close(WebSocketCloseStatus status, string reason)
    {
        lock (_lock)
        {
            _closeWith ??= (status, reason);
        }

        _outbox.Writer.TryComplete();
    }

    /// <summary>Stops everything now (the client is gone or too slow to be waited for).</summary>
    public void Abort()
    {
        _outbox.Writer.TryComplete();
        _closing.Cancel();
    }

    public void Dispose() => _closing.Dispose();

    private void Enqueue(ServerFrame frame)
    {
        if (!_outbox.Writer.TryWrite(frame) && _closeWith is null)
        {
            // Too slow: nothing more is queued; what is queued goes out, then the close frame says why. A client that
            // reads nothing at all is cut off after a grace period.
            _closeWith = (SendQueueFull, "send queue full");
            _outbox.Writer.TryComplete();
            _closing.CancelAfter(TimeSpan.FromSeconds(10));
        }
    }

    private sealed class Subscription(long lastSeq, bool syncing)
    {
        public long LastSeq { get; set; } = lastSeq;

        public bool Syncing { get; set; } = syncing;

        public List<ServerFrame> Held { get; } = [];
    }
}

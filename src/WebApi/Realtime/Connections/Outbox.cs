using System.Net.WebSockets;
using System.Threading.Channels;

namespace ChatClean.WebApi.Realtime;

/// <summary>
/// The frames waiting to go to one client: a bounded queue drained by one send loop, so a slow client never blocks
/// anyone else. When the queue is full the client is cut off: what is queued goes out, then a close frame (4008).
/// Closing (for any reason) also goes through here, so the close frame follows everything queued before it.
/// </summary>
public sealed class Outbox : IDisposable
{
    private readonly WebSocket _socket;
    private readonly Channel<ServerFrame> _outbox;
    private readonly CancellationTokenSource _closing = new();
    private readonly Lock _lock = new();
    private (WebSocketCloseStatus Status, string Reason)? _closeWith;

    public Outbox(WebSocket socket, int capacity)
    {
        _socket = socket;
        _outbox = Channel.CreateBounded<ServerFrame>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>Cancelled when the connection is being closed, for whatever reason.</summary>
    public CancellationToken Closing => _closing.Token;

    public void Enqueue(ServerFrame frame)
    {
        if (!_outbox.Writer.TryWrite(frame) && _closeWith is null)
        {
            // Too slow: nothing more is queued; what is queued goes out, then the close frame says why. A client that
            // reads nothing at all is cut off after a grace period.
            _closeWith = (ClientConnection.SendQueueFull, "send queue full");
            RealtimeMetrics.SendQueueClosed();
            _outbox.Writer.TryComplete();
            _closing.CancelAfter(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>Sends queued frames until the queue closes; then closes the socket with the reason recorded.</summary>
    public async Task RunAsync()
    {
        try
        {
            await foreach (var frame in _outbox.Reader.ReadAllAsync(_closing.Token))
            {
                await _socket.SendAsync(frame.Utf8, WebSocketMessageType.Text, endOfMessage: true, _closing.Token);
                RealtimeMetrics.FrameSent(frame.Type);
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

    /// <summary>Sends what is queued, then closes with <paramref name="status"/>.</summary>
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
}

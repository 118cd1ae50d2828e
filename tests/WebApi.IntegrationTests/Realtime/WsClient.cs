using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatClean.WebApi.IntegrationTests.Realtime;

/// <summary>A plain WebSocket client speaking the JSON protocol of docs/websocket-protocol.md.</summary>
public sealed class WsClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly List<JsonObject> _received = [];
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly Task _reader;

    private WsClient(ClientWebSocket socket)
    {
        _socket = socket;
        _reader = Task.Run(ReadAsync);
    }

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public WebSocketState State => _socket.State;

    public IReadOnlyList<JsonObject> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    public static async Task<WsClient> ConnectAsync(Uri http, string? token, bool tokenInQuery = true)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        var uri = new UriBuilder(http) { Scheme = http.Scheme == "https" ? "wss" : "ws", Path = "/ws" };
        if (token is not null && tokenInQuery)
        {
            uri.Query = $"access_token={Uri.EscapeDataString(token)}";
        }
        else if (token is not null)
        {
            socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await socket.ConnectAsync(uri.Uri, timeout.Token);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new WsClient(socket);
    }

    public static async Task<System.Net.HttpStatusCode> RefusedStatusAsync(Uri http, string? token)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        var uri = new UriBuilder(http) { Scheme = "ws", Path = "/ws", Query = token is null ? string.Empty : $"access_token={Uri.EscapeDataString(token)}" };
        try
        {
            await socket.ConnectAsync(uri.Uri, CancellationToken.None);
            throw new InvalidOperationException("The upgrade was accepted.");
        }
        catch (WebSocketException)
        {
            return socket.HttpStatusCode;
        }
        finally
        {
            socket.Dispose();
        }
    }

    public Task SendAsync(object frame) => SendRawAsync(JsonSerializer.SerializeToUtf8Bytes(frame, JsonSerializerOptions.Web));

    public Task SendRawAsync(byte[] bytes, WebSocketMessageType type = WebSocketMessageType.Text) =>
        _socket.SendAsync(bytes, type, endOfMessage: true, CancellationToken.None);

    public Task SendTextAsync(string text) => SendRawAsync(Encoding.UTF8.GetBytes(text));

    /// <summary>Waits for the first frame (not yet taken) matching <paramref name="match"/>; frames before it stay available.</summary>
    public async Task<JsonObject> ExpectAsync(Func<JsonObject, bool> match, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            lock (_received)
            {
                var found = _received.FirstOrDefault(match);
                if (found is not null)
                {
                    _received.Remove(found);
                    return found;
                }
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || _reader.IsCompleted && !await _arrived.WaitAsync(0))
            {
                throw new TimeoutException($"No frame {what}; received: {string.Join(" | ", Received.Select(f => f.ToJsonString()))}; close: {CloseStatus}");
            }

            await _arrived.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    public Task<JsonObject> ExpectTypeAsync(string type, TimeSpan? within = null) => ExpectAsync(f => f.Type() == type, $"of type {type}", within);

    /// <summary>Waits until the server closes the connection and returns the close status.</summary>
    public async Task<WebSocketCloseStatus?> ClosedAsync(TimeSpan? within = null)
    {
        await _reader.WaitAsync(within ?? TimeSpan.FromSeconds(15));
        return _socket.CloseStatus;
    }

    public async Task CloseAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        }

        await _reader.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>Drops the connection without a closing handshake, like a lost network.</summary>
    public void Abort() => _socket.Abort();

    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        try
        {
            await _reader;
        }
        catch (WebSocketException)
        {
        }

        _socket.Dispose();
        _arrived.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[1 << 20];
        try
        {
            while (_socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var count = 0;
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(new ArraySegment<byte>(buffer, count, buffer.Length - count), CancellationToken.None);
                    count += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    // Complete the closing handshake, as a well-behaved client does.
                    if (_socket.State == WebSocketState.CloseReceived)
                    {
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, CancellationToken.None);
                    }

                    return;
                }

                var frame = JsonNode.Parse(buffer.AsSpan(0, count))!.AsObject();
                lock (_received)
                {
                    _received.Add(frame);
                }

                _arrived.Release();
            }
        }
        catch (WebSocketException)
        {
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException) when (_socket.State == WebSocketState.Aborted)
        {
            // Abort raced the next receive: the connection is gone either way.
        }
    }
}

public static class FrameExtensions
{
    public static string? Type(this JsonObject frame) => frame["type"]?.GetValue<string>();

    public static string? Text(this JsonObject frame, string property) => frame[property]?.GetValue<string>();

    public static long Seq(this JsonObject frame) => frame["seq"]!.GetValue<long>();
}

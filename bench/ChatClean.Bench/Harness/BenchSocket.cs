using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;

namespace ChatClean.Bench;

/// <summary>
/// A lean WebSocket client for load: connects from a chosen loopback address (127.0.0.2, .3, …, so that tens of
/// thousands of connections do not run out of source ports), waits for frames with zero-byte reads (an idle
/// connection holds no buffer), hands each frame to a callback and sends one frame at a time.
/// </summary>
public sealed class BenchSocket : IAsyncDisposable
{
    private const int MaxFrameBytes = 64 * 1024;
    private static readonly ConcurrentDictionary<IPAddress, HttpMessageInvoker> Invokers = new();

    private readonly ClientWebSocket _socket;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly Action<BenchSocket, ReadOnlySpan<byte>> _onFrame;
    private Task _reading = Task.CompletedTask;

    private BenchSocket(ClientWebSocket socket, Action<BenchSocket, ReadOnlySpan<byte>> onFrame)
    {
        _socket = socket;
        _onFrame = onFrame;
    }

    /// <summary>Set by the owner: which user or role this socket speaks for.</summary>
    public int Index { get; init; }

    public WebSocketState State => _socket.State;

    /// <summary>Ends when the connection does.</summary>
    public Task Reading => _reading;

    /// <summary>The source addresses to spread connections over: 127.0.0.2 … 127.0.0.(1 + count).</summary>
    public static IPAddress Source(int connection, int addresses = 8) => new([127, 0, 0, (byte)(2 + (connection % addresses))]);

    public static async Task<BenchSocket> ConnectAsync(
        Uri server, string token, IPAddress from, Action<BenchSocket, ReadOnlySpan<byte>> onFrame, int index = 0, CancellationToken cancellationToken = default)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        var uri = new UriBuilder(server) { Scheme = "ws", Path = "/ws" }.Uri;
        try
        {
            await socket.ConnectAsync(uri, Invokers.GetOrAdd(from, CreateInvoker), cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var client = new BenchSocket(socket, onFrame) { Index = index };
        client._reading = Task.Run(client.ReadAsync, CancellationToken.None);
        return client;
    }

    /// <summary>The HTTP status an upgrade was refused with, or null when it was accepted (and then closed).</summary>
    public static async Task<HttpStatusCode?> TryUpgradeAsync(Uri server, string token, IPAddress from)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        try
        {
            await socket.ConnectAsync(new UriBuilder(server) { Scheme = "ws", Path = "/ws" }.Uri, Invokers.GetOrAdd(from, CreateInvoker), CancellationToken.None);
            socket.Abort();
            return null;
        }
        catch (WebSocketException)
        {
            return socket.HttpStatusCode;
        }
    }

    public async Task SendAsync(ReadOnlyMemory<byte> utf8)
    {
        await _sending.WaitAsync();
        try
        {
            await _socket.SendAsync(utf8, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            _sending.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
                await _reading.WaitAsync(TimeSpan.FromSeconds(5));
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or TimeoutException or ObjectDisposedException)
        {
        }

        _socket.Abort();
        _socket.Dispose();
        _sending.Dispose();
    }

    private static HttpMessageInvoker CreateInvoker(IPAddress from) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(from, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    });

    private async Task ReadAsync()
    {
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var first = await _socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None);
                if (first.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                var buffer = ArrayPool<byte>.Shared.Rent(MaxFrameBytes);
                try
                {
                    var count = 0;
                    var result = first;
                    while (!result.EndOfMessage && count < MaxFrameBytes)
                    {
                        result = await _socket.ReceiveAsync(buffer.AsMemory(count, MaxFrameBytes - count), CancellationToken.None);
                        count += result.Count;
                        if (result.MessageType == WebSocketMessageType.Close)
                        {
                            return;
                        }
                    }

                    _onFrame(this, buffer.AsSpan(0, count));
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }
}

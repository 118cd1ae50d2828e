using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChatClean.Bench;

/// <summary>
/// The baseline of the WebSocket figures: a bare Kestrel WebSocket server in its own process
/// (<c>BENCH_ECHO_SERVER=1 ChatClean.Bench --urls http://127.0.0.1:N</c>), with what any lean server does and nothing of the service: no
/// authentication, no routing of frames, no send queue. Each connection waits with a zero-byte read (an idle one holds
/// no buffer) and echoes every text frame; the frame <c>broadcast</c> is sent on to every open connection instead.
/// <c>GET /</c> answers 200 once it listens.
/// </summary>
public static class EchoServer
{
    private static readonly byte[] Broadcast = "broadcast"u8.ToArray();
    private static readonly byte[] Delivered = """{"type":"b"}"""u8.ToArray();

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var open = new ConcurrentDictionary<WebSocket, SemaphoreSlim>();
        app.UseWebSockets();
        app.MapGet("/", () => Results.Text($"{open.Count}"));
        app.Map("/ws", async (HttpContext http) =>
        {
            if (!http.WebSockets.IsWebSocketRequest)
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            using var socket = await http.WebSockets.AcceptWebSocketAsync();
            using var sending = new SemaphoreSlim(1, 1);
            open[socket] = sending;
            try
            {
                await EchoAsync(socket, sending, open);
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
            {
            }
            finally
            {
                open.TryRemove(socket, out _);
            }
        });
        await app.RunAsync();
        return 0;
    }

    private static async Task EchoAsync(WebSocket socket, SemaphoreSlim sending, ConcurrentDictionary<WebSocket, SemaphoreSlim> open)
    {
        while (socket.State == WebSocketState.Open)
        {
            var first = await socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None);
            if (first.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                return;
            }

            var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                var count = 0;
                var result = first;
                while (!result.EndOfMessage && count < buffer.Length)
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
                    count += result.Count;
                }

                if (buffer.AsSpan(0, count).SequenceEqual(Broadcast))
                {
                    await Task.WhenAll(open.Select(o => SendAsync(o.Key, o.Value, Delivered)));
                }
                else
                {
                    await SendAsync(socket, sending, buffer.AsMemory(0, count));
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static async Task SendAsync(WebSocket socket, SemaphoreSlim sending, ReadOnlyMemory<byte> frame)
    {
        await sending.WaitAsync();
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or ObjectDisposedException)
        {
        }
        finally
        {
            sending.Release();
        }
    }
}

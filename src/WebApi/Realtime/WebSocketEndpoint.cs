using System.Buffers;
using System.Net.WebSockets;
using ChatClean.Application.Agents;
using Microsoft.Extensions.Options;

namespace ChatClean.WebApi.Realtime;

/// <summary>
/// <c>GET /ws</c>: authenticated like the REST API (bearer header or <c>access_token</c> query parameter; refused
/// with 401 before the upgrade), then plain JSON text frames both ways. docs/websocket-protocol.md is the contract.
/// </summary>
public static partial class WebSocketEndpoint
{
    public const WebSocketCloseStatus FrameTooLarge = WebSocketCloseStatus.MessageTooBig;

    public static IEndpointRouteBuilder MapRealtime(this IEndpointRouteBuilder app)
    {
        app.Map("/ws", HandleAsync).RequireAuthorization().WithTags("Realtime");
        return app;
    }

    private static async Task HandleAsync(
        HttpContext http,
        ConnectionManager connections,
        MessageRouter router,
        IServiceScopeFactory scopes,
        IOptions<RealtimeOptions> options,
        IHostApplicationLifetime lifetime,
        ILoggerFactory loggers)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            await ProblemCodes.WriteAsync(http, StatusCodes.Status400BadRequest, "request.not_websocket", "This endpoint speaks WebSocket only.");
            return;
        }

        if (!WebSecurity.OriginAllowed(http, http.Request.Headers.Origin))
        {
            // A page of another site must not use a visitor's token to open a socket (cross-site WebSocket hijacking).
            await ProblemCodes.WriteAsync(http, StatusCodes.Status403Forbidden, "auth.origin_not_allowed", "This origin may not open a WebSocket.");
            return;
        }

        if (!connections.Admission.TryEnter())
        {
            http.Response.Headers.RetryAfter = "5";
            await ProblemCodes.WriteAsync(http, StatusCodes.Status503ServiceUnavailable, "realtime.at_capacity", "This node holds as many connections as it may; try again shortly.");
            return;
        }

        try
        {
            await ServeAsync(http, connections, router, scopes, options.Value, lifetime, loggers);
        }
        finally
        {
            connections.Admission.Leave();
        }
    }

    private static async Task ServeAsync(
        HttpContext http,
        ConnectionManager connections,
        MessageRouter router,
        IServiceScopeFactory scopes,
        RealtimeOptions settings,
        IHostApplicationLifetime lifetime,
        ILoggerFactory loggers)
    {
        using var socket = await http.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = settings.KeepAliveInterval,
            KeepAliveTimeout = settings.KeepAliveInterval,
        });
        using var connection = new ClientConnection(socket, http.User.ToCaller(), settings.SendQueueCapacity);

        // The request lives as long as the socket: let go of the handshake's token, read once for the caller.
        http.Request.Headers.Authorization = default;
        var present = connection.Caller.Has(Permissions.PresenceWrite);
        connections.Add(connection);
        if (present)
        {
            await SetPresenceAsync(scopes, new SetPresenceCommand(connection.Caller, null), lifetime.ApplicationStopping);
        }

        var logger = loggers.CreateLogger(typeof(WebSocketEndpoint).FullName!);
        var sending = connection.RunSendLoopAsync();
        try
        {
            await ReceiveLoopAsync(socket, connection, router, settings, lifetime.ApplicationStopping);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            // The WebSocket layer itself refuses protocol violations (a text frame that is not UTF-8 gets 1007) and
            // has sent its close frame; linger a moment so the peer reads it before the connection is torn down.
            LogDropped(logger, exception, connection.Id);
            await Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None);
        }
        finally
        {
            connection.Close(WebSocketCloseStatus.NormalClosure, "bye");
            if (await Task.WhenAny(sending, Task.Delay(TimeSpan.FromSeconds(10))) != sending)
            {
                connection.Abort();
            }

            connections.Remove(connection);
            if (present && !connections.OfUser(connection.Caller.UserId.Value).Any())
            {
                await SetPresenceAsync(scopes, new SetPresenceCommand(connection.Caller, null, Leaving: true), CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// Reads client frames until the client closes. Server-side closes (idle, shutdown, protocol errors) go out as
    /// close frames through the send loop and end this loop when the client answers them: cancelling a receive would
    /// abort the socket without a close code.
    /// </summary>
    private static async Task ReceiveLoopAsync(
        WebSocket socket, ClientConnection connection, MessageRouter router, RealtimeOptions settings, CancellationToken stopping)
    {
        using var idle = new Timer(_ => connection.Close(ClientConnection.IdleTimeout, "idle timeout"), null, settings.IdleTimeout, Timeout.InfiniteTimeSpan);
        while (socket.State == WebSocketState.Open)
        {
            // A zero-byte read waits for the next frame without a buffer: an idle connection holds none.
            var result = await socket.ReceiveAsync(Memory<byte>.Empty, connection.Closing);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                connection.Close(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, string.Empty);
                return;
            }

            var buffer = ArrayPool<byte>.Shared.Rent(settings.MaxFrameBytes);
            try
            {
                var count = 0;
                var tooLarge = false;
                while (!result.EndOfMessage)
                {
                    if (count == settings.MaxFrameBytes)
                    {
                        // Read the rest and drop it, so that the close frame can be exchanged cleanly.
                        tooLarge = true;
                        count = 0;
                    }

                    result = await socket.ReceiveAsync(buffer.AsMemory(count, settings.MaxFrameBytes - count), connection.Closing);
                    count += result.Count;
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        connection.Close(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, string.Empty);
                        return;
                    }
                }

                idle.Change(settings.IdleTimeout, Timeout.InfiniteTimeSpan);
                if (tooLarge)
                {
                    connection.Close(FrameTooLarge, $"frames are limited to {settings.MaxFrameBytes} bytes");
                }
                else if (result.MessageType == WebSocketMessageType.Binary)
                {
                    await router.RefuseAsync(connection, new FrameException("frame.binary_unsupported", "Frames are JSON text; binary frames are ignored."), stopping);
                }
                else
                {
                    await router.RouteAsync(connection, buffer.AsMemory(0, count), stopping);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>An agent's socket opening or their last one closing changes their presence, through the same command as a <c>presence</c> frame.</summary>
    private static async Task SetPresenceAsync(IServiceScopeFactory scopes, SetPresenceCommand command, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "WebSocket {Connection} dropped")]
    private static partial void LogDropped(ILogger logger, Exception exception, Guid connection);
}

using System.Text.Json;
using ChatClean.Infrastructure.Security;
using ChatClean.WebApi.Infrastructure;
using Mediator;
using Microsoft.Extensions.Options;

namespace ChatClean.WebApi.Realtime;

/// <summary>
/// Routes each client frame to the handler of its <c>type</c>, inside its own DI scope. Whatever goes wrong with
/// one frame becomes an <c>error</c> frame with a stable code; the connection and the server carry on.
/// </summary>
public sealed partial class MessageRouter(
    IEnumerable<IFrameHandler> handlers,
    IServiceScopeFactory scopes,
    IOptions<RealtimeOptions> options,
    IRateLimitCounter rateCounter,
    IOptions<RateLimitOptions> rateLimits,
    TimeProvider clock,
    ILogger<MessageRouter> logger)
{
    private readonly Dictionary<string, IFrameHandler> _handlers = handlers.ToDictionary(h => h.Type, StringComparer.Ordinal);

    public async Task RouteAsync(ClientConnection connection, ReadOnlyMemory<byte> utf8, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8);
        }
        catch (JsonException)
        {
            connection.Send(ServerFrame.Error(null, "frame.malformed_json", "The frame is not valid JSON."));
            return;
        }

        using (document)
        {
            var frame = document.RootElement;
            if (frame.ValueKind != JsonValueKind.Object || !frame.TryGetProperty("type", out var typeProperty) || typeProperty.ValueKind != JsonValueKind.String)
            {
                connection.Send(ServerFrame.Error(null, "frame.missing_type", "A frame is a JSON object with a string 'type'."));
                return;
            }

            var type = typeProperty.GetString()!;
            await using var scope = scopes.CreateAsyncScope();
            var context = new FrameContext(connection, frame, scope.ServiceProvider.GetRequiredService<IMediator>());
            string? reference = null;
            try
            {
                reference = context.Ref;
                if (!_handlers.TryGetValue(type, out var handler))
                {
                    throw new FrameException("frame.unknown_type", $"Unknown frame type '{type}'. Known: {string.Join(", ", _handlers.Keys.Order())}.");
                }

                if (!connection.TryTakeFrameToken(clock.GetTimestamp(), clock.TimestampFrequency, options.Value.FramesPerSecond, options.Value.FrameBurst))
                {
                    throw new FrameException(RateLimiting.Code, "Too many frames; slow down.");
                }

                // The per-user limit holds over all of the user's connections on every node (Redis counters).
                var limits = rateLimits.Value;
                if (limits.Enabled && await RateLimiting.RefusedAsync(
                        rateCounter, cancellationToken, ($"frames:user:{connection.Caller.UserId.Value}", limits.FramesPerUser)) is { } wait)
                {
                    throw new FrameException(RateLimiting.Code, $"Too many frames; wait {Math.Ceiling(wait.TotalSeconds)} s.");
                }

                await handler.HandleAsync(context, cancellationToken);
            }
            catch (FrameException exception)
            {
                connection.Send(ServerFrame.Error(reference, exception.Code, exception.Message));
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var error = Infrastructure.ErrorTranslator.Translate(exception);
                if (error.Status >= StatusCodes.Status500InternalServerError)
                {
                    LogFailure(logger, exception, type);
                }

                connection.Send(ServerFrame.Create("error", new { Ref = reference, error.Code, Message = error.Detail, error.Errors }));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "WebSocket frame {Type} failed")]
    private static partial void LogFailure(ILogger logger, Exception exception, string type);
}

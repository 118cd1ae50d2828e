using System.Text.Json;
using ChatClean.Application.Abstractions.RateLimits;
using Microsoft.Extensions.Options;

namespace ChatClean.WebApi.Realtime;

/// <summary>
/// Routes each client frame to its <see cref="FrameRoute"/> inside its own DI scope. Every frame counts against the
/// frame rate limits first, unusable ones too, so a flood of garbage is refused like any other flood. Whatever goes
/// wrong with one frame becomes an <c>error</c> frame with a stable code (<see cref="ErrorTranslator"/>, as for
/// REST); the connection and the server carry on.
/// </summary>
public sealed partial class MessageRouter(
    IServiceScopeFactory scopes,
    IOptions<RealtimeOptions> options,
    IRateLimitCounter rateCounter,
    IOptions<RateLimitOptions> rateLimits,
    TimeProvider clock,
    ILogger<MessageRouter> logger)
{
    private static readonly Dictionary<string, FrameRoute> Routes = FrameRoutes.All.ToDictionary(r => r.Type, StringComparer.Ordinal);
    private static readonly string Known = string.Join(", ", Routes.Keys.Order(StringComparer.Ordinal));

    public static IReadOnlyCollection<string> FrameTypes => Routes.Keys;

    public async Task RouteAsync(ClientConnection connection, ReadOnlyMemory<byte> utf8, CancellationToken cancellationToken)
    {
        using var document = TryParse(utf8);
        var frame = document?.RootElement;
        string? reference = null;
        var type = "(unusable)";
        try
        {
            await ThrottleAsync(connection, cancellationToken);
            if (frame is not { } root)
            {
                throw new FrameException("frame.malformed_json", "The frame is not valid JSON.");
            }

            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var typeProperty) || typeProperty.ValueKind != JsonValueKind.String)
            {
                throw new FrameException("frame.missing_type", "A frame is a JSON object with a string 'type'.");
            }

            type = typeProperty.GetString()!;
            await using var scope = scopes.CreateAsyncScope();
            var context = new FrameContext(connection, root, scope.ServiceProvider);
            reference = context.Ref;
            if (!Routes.TryGetValue(type, out var route))
            {
                throw new FrameException("frame.unknown_type", $"Unknown frame type '{type}'. Known: {Known}.");
            }

            await route.HandleAsync(context, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var error = ErrorTranslator.Translate(exception);
            if (error.Status >= StatusCodes.Status500InternalServerError)
            {
                LogFailure(logger, exception, type);
            }

            connection.Send(ServerFrame.Error(reference ?? ReferenceOf(frame), error));
        }
    }

    /// <summary>A frame the transport already knows is unusable (binary): it counts against the limits like any other.</summary>
    public async Task RefuseAsync(ClientConnection connection, FrameException problem, CancellationToken cancellationToken)
    {
        try
        {
            await ThrottleAsync(connection, cancellationToken);
            connection.Send(ServerFrame.Error(null, ErrorTranslator.Translate(problem)));
        }
        catch (FrameException refused)
        {
            connection.Send(ServerFrame.Error(null, ErrorTranslator.Translate(refused)));
        }
    }

    private static JsonDocument? TryParse(ReadOnlyMemory<byte> utf8)
    {
        try
        {
            return JsonDocument.Parse(utf8);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The reference of a frame refused before it was read field by field (too many frames): its <c>ref</c>, else its <c>clientMessageId</c>.</summary>
    private static string? ReferenceOf(JsonElement? frame) => StringOf(frame, "ref") ?? StringOf(frame, "clientMessageId");

    private static string? StringOf(JsonElement? frame, string name) =>
        frame is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The connection's own token bucket, then the user's limit over all their connections on every node (Redis counters).</summary>
    private async Task ThrottleAsync(ClientConnection connection, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!connection.Frames.TryTake(clock.GetTimestamp(), clock.TimestampFrequency, settings.FramesPerSecond, settings.FrameBurst))
        {
            throw new FrameException(RateLimitCodes.RateLimited, "Too many frames; slow down.");
        }

        var limits = rateLimits.Value;
        if (limits.Enabled && await rateCounter.RefusedAsync(cancellationToken, ($"frames:user:{connection.Caller.UserId.Value}", limits.FramesPerUser)) is { } wait)
        {
            throw new FrameException(RateLimitCodes.RateLimited, $"Too many frames; wait {Math.Ceiling(wait.TotalSeconds)} s.");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "WebSocket frame {Type} failed")]
    private static partial void LogFailure(ILogger logger, Exception exception, string type);
}

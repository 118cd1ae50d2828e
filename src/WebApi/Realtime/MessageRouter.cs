using System.Text.Json;
using ChatClean.Application.Abstractions.RateLimits;
using ChatClean.Application.Abstractions.Observability;
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

    /// <summary>
    /// Handles one frame as its own trace (<c>ws {type}</c>, linked to the connection's), so the events it appends
    /// carry that trace id; logs it once with its type, conversation, user, duration and outcome, and counts it.
    /// </summary>
    public async Task RouteAsync(ClientConnection connection, ReadOnlyMemory<byte> utf8, CancellationToken cancellationToken)
    {
        using var activity = Tracing.StartRoot("ws frame");
        var started = clock.GetTimestamp();
        using var document = TryParse(utf8);
        var frame = document?.RootElement;
        var type = TypeOf(frame);
        var bounded = type is null ? RealtimeMetrics.Unusable : Routes.ContainsKey(type) ? type : RealtimeMetrics.Unknown;
        RealtimeMetrics.FrameReceived(bounded);
        activity?.SetTag("chatclean.frame.type", bounded);
        if (activity is not null)
        {
            activity.DisplayName = "ws " + bounded;
        }

        var outcome = await DispatchAsync(connection, frame, type, cancellationToken);
        var conversationId = Guid.TryParse(StringOf(frame, "conversationId"), out var id) ? id : (Guid?)null;
        activity?.SetTag("chatclean.conversation.id", conversationId);
        activity?.SetTag("chatclean.outcome", outcome);
        var level = bounded is "ping" or "typing" ? LogLevel.Debug : LogLevel.Information;
        var elapsedMs = clock.GetElapsedTime(started).TotalMilliseconds;
        LogFrame(logger, level, bounded, conversationId, connection.Caller.UserId.Value, outcome, elapsedMs);
    }

    /// <summary>Runs the frame's route; the outcome is <c>ok</c> or the code of the <c>error</c> frame sent instead.</summary>
    private async Task<string> DispatchAsync(ClientConnection connection, JsonElement? frame, string? type, CancellationToken cancellationToken)
    {
        string? reference = null;
        try
        {
            await ThrottleAsync(connection, cancellationToken);
            if (frame is not { } root)
            {
                throw new FrameException("frame.malformed_json", "The frame is not valid JSON.");
            }

            if (type is null)
            {
                throw new FrameException("frame.missing_type", "A frame is a JSON object with a string 'type'.");
            }

            await using var scope = scopes.CreateAsyncScope();
            var context = new FrameContext(connection, root, scope.ServiceProvider);
            reference = context.Ref;
            if (!Routes.TryGetValue(type, out var route))
            {
                throw new FrameException("frame.unknown_type", $"Unknown frame type '{type}'. Known: {Known}.");
            }

            await route.HandleAsync(context, cancellationToken);
            return "ok";
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var error = ErrorTranslator.Translate(exception);
            if (error.Status >= StatusCodes.Status500InternalServerError)
            {
                LogFailure(logger, exception, type ?? RealtimeMetrics.Unusable);
            }

            connection.Send(ServerFrame.Error(reference ?? ReferenceOf(frame), error));
            return error.Code;
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

    private static string? TypeOf(JsonElement? frame) =>
        frame is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;

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

    [LoggerMessage(Message = "WebSocket frame {FrameType} for conversation {ConversationId} by {UserId}: {Outcome} in {ElapsedMs:0.0} ms")]
    private static partial void LogFrame(ILogger logger, LogLevel level, string frameType, Guid? conversationId, Guid userId, string outcome, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "WebSocket frame {Type} failed")]
    private static partial void LogFailure(ILogger logger, Exception exception, string type);
}

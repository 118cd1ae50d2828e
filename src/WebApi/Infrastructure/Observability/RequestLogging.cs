using System.Diagnostics;
using System.Security.Claims;

namespace ChatClean.WebApi.Infrastructure.Observability;

/// <summary>
/// One log line per HTTP request, once it is answered: method, route template (never the path or the query string,
/// which may hold a token), status, duration, the caller and the conversation. Probes and scrapes (<c>/health</c>,
/// <c>/metrics</c>) log at Debug. A WebSocket's line comes when it closes.
/// </summary>
public sealed partial class RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        finally
        {
            var path = context.Request.Path;
            var level = path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics") ? LogLevel.Debug
                : status >= StatusCodes.Status500InternalServerError ? LogLevel.Error
                : LogLevel.Information;
            if (logger.IsEnabled(level))
            {
                var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
                var conversationId = context.Request.RouteValues.TryGetValue("id", out var id) && Guid.TryParse(id as string, out var guid) && route.Contains("conversations", StringComparison.Ordinal) ? guid : (Guid?)null;
                var userId = context.User.FindFirstValue("sub");
                var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                LogRequest(logger, level, context.Request.Method, route, status, elapsedMs, userId, conversationId);
            }
        }
    }

    [LoggerMessage(Message = "HTTP {Method} {Route} answered {StatusCode} in {ElapsedMs:0.0} ms for {UserId} (conversation {ConversationId})")]
    private static partial void LogRequest(ILogger logger, LogLevel level, string method, string route, int statusCode, double elapsedMs, string? userId, Guid? conversationId);
}

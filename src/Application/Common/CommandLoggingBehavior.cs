using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ChatClean.Application.Common;

/// <summary>
/// The outermost step of every request: one log line per Mediator command (queries at Debug) with its name, the
/// conversation, the caller, the duration and the outcome (<c>ok</c> or the exception's type). Only names and ids
/// are logged, never a request's fields: a command may hold a password or a message's text.
/// </summary>
public sealed partial class CommandLoggingBehavior<TMessage, TResponse>(ILogger<CommandLoggingBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly string Name = typeof(TMessage).Name;
    private static readonly LogLevel Level = typeof(IBaseQuery).IsAssignableFrom(typeof(TMessage)) ? LogLevel.Debug : LogLevel.Information;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (!logger.IsEnabled(Level))
        {
            return await next(message, cancellationToken);
        }

        var started = Stopwatch.GetTimestamp();
        var outcome = "ok";
        try
        {
            return await next(message, cancellationToken);
        }
        catch (Exception exception)
        {
            outcome = exception.GetType().Name;
            throw;
        }
        finally
        {
            var conversationId = (message as IConversationRequest)?.ConversationId;
            var userId = (message as ICallerRequest)?.Caller.UserId.Value;
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogHandled(logger, Level, Name, conversationId, userId, outcome, elapsedMs);
        }
    }

    [LoggerMessage(Message = "Command {Command} for conversation {ConversationId} by {UserId}: {Outcome} in {ElapsedMs:0.0} ms")]
    private static partial void LogHandled(ILogger logger, LogLevel level, string command, Guid? conversationId, Guid? userId, string outcome, double elapsedMs);
}

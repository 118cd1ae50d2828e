using System.Text.Json;
using ChatClean.Application.Common;
using ChatClean.Domain.Common;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace ChatClean.WebApi.Infrastructure;

/// <summary>
/// The one place where exceptions become RFC 7807 problem details. Every problem carries a stable <c>code</c>;
/// unexpected failures say nothing about their cause.
/// </summary>
public sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, detail, errors) = Translate(exception);
        if (status >= StatusCodes.Status500InternalServerError)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        var problem = new ProblemDetails { Status = status, Title = ProblemCodes.TitleFor(status), Detail = detail };
        problem.Extensions[ProblemCodes.CodeKey] = code;
        if (errors is not null)
        {
            problem.Extensions["errors"] = errors;
        }

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static (int Status, string Code, string Detail, IDictionary<string, string[]>? Errors) Translate(Exception exception) => exception switch
    {
        ValidationException validation => (
            StatusCodes.Status400BadRequest,
            "validation.failed",
            "The request has invalid fields.",
            validation.Errors
                .GroupBy(e => JsonNamingPolicy.CamelCase.ConvertName(e.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray())),
        DomainException domain => (
            domain.Kind switch
            {
                DomainErrorKind.InvalidValue => StatusCodes.Status400BadRequest,
                DomainErrorKind.NotAllowed => StatusCodes.Status403Forbidden,
                _ => StatusCodes.Status409Conflict,
            },
            domain.Code,
            domain.Message,
            null),
        NotFoundException e => (StatusCodes.Status404NotFound, e.Code, e.Message, null),
        ForbiddenException e => (StatusCodes.Status403Forbidden, e.Code, e.Message, null),
        ConflictException e => (StatusCodes.Status409Conflict, e.Code, e.Message, null),
        UnauthorizedException e => (StatusCodes.Status401Unauthorized, e.Code, e.Message, null),
        BadHttpRequestException { InnerException: JsonException } => (
            StatusCodes.Status400BadRequest, "request.malformed_json", "The request body is not valid JSON of the expected shape.", null),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (
            StatusCodes.Status413PayloadTooLarge, "request.body_too_large", "The request body is too large.", null),
        BadHttpRequestException e => (e.StatusCode, ProblemCodes.ForStatus(e.StatusCode), e.Message, null),
        _ => (StatusCodes.Status500InternalServerError, "server.error", "The server failed to handle the request.", null),
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}

using System.Text.Json;
using ChatClean.Domain.Common;
using FluentValidation;

namespace ChatClean.WebApi.Infrastructure;

/// <summary>A failure as clients see it: a status, a stable code, a sentence, and per-field errors for validation.</summary>
public sealed record TranslatedError(int Status, string Code, string Detail, IDictionary<string, string[]>? Errors);

/// <summary>
/// The one mapping from exceptions to client errors, shared by REST (problem details) and WebSocket (error frames).
/// Unexpected exceptions say nothing about their cause.
/// </summary>
public static class ErrorTranslator
{
    public static TranslatedError Translate(Exception exception)
    {
        var (status, code, detail, errors) = Map(exception);
        return new TranslatedError(status, code, detail, errors);
    }

    private static (int Status, string Code, string Detail, IDictionary<string, string[]>? Errors) Map(Exception exception) => exception switch
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
        Realtime.FrameException e => (StatusCodes.Status400BadRequest, e.Code, e.Message, null),
        NotFoundException e => (StatusCodes.Status404NotFound, e.Code, e.Message, null),
        ForbiddenException e => (StatusCodes.Status403Forbidden, e.Code, e.Message, null),
        ConflictException e => (StatusCodes.Status409Conflict, e.Code, e.Message, null),
        UnauthorizedException e => (StatusCodes.Status401Unauthorized, e.Code, e.Message, null),
        RejectedException e => (StatusCodes.Status422UnprocessableEntity, e.Code, e.Message, null),
        TooLargeException e => (StatusCodes.Status413PayloadTooLarge, e.Code, e.Message, null),
        UnsupportedContentException e => (StatusCodes.Status415UnsupportedMediaType, e.Code, e.Message, null),
        BadHttpRequestException { InnerException: JsonException } => (
            StatusCodes.Status400BadRequest, "request.malformed_json", "The request body is not valid JSON of the expected shape.", null),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (
            StatusCodes.Status413PayloadTooLarge, "request.body_too_large", "The request body is too large.", null),
        BadHttpRequestException e => (e.StatusCode, ProblemCodes.ForStatus(e.StatusCode), e.Message, null),
        _ => (StatusCodes.Status500InternalServerError, "server.error", "The server failed to handle the request.", null),
    };

}

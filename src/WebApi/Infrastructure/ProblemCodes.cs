using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace ChatClean.WebApi.Infrastructure;

/// <summary>Stable codes for problems that come from the HTTP layer itself rather than from a use case.</summary>
public static class ProblemCodes
{
    public const string CodeKey = "code";

    /// <summary>A problem document with its status, title and stable code.</summary>
    public static ProblemDetails Create(int status, string code, string detail, IDictionary<string, string[]>? errors = null)
    {
        var problem = new ProblemDetails { Status = status, Title = TitleFor(status), Detail = detail };
        problem.Extensions[CodeKey] = code;
        if (errors is not null)
        {
            problem.Extensions["errors"] = errors;
        }

        return problem;
    }

    /// <summary>Answers the request with a problem of its own (outside the exception handler: authentication, limits, the WebSocket door).</summary>
    public static async Task WriteAsync(HttpContext http, int status, string code, string detail)
    {
        http.Response.StatusCode = status;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = Create(status, code, detail) });
    }

    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "auth.unauthenticated",
        StatusCodes.Status403Forbidden => "auth.forbidden",
        StatusCodes.Status404NotFound => "route.not_found",
        StatusCodes.Status405MethodNotAllowed => "request.method_not_allowed",
        StatusCodes.Status413PayloadTooLarge => "request.body_too_large",
        StatusCodes.Status415UnsupportedMediaType => "request.unsupported_media_type",
        StatusCodes.Status429TooManyRequests => Application.Abstractions.RateLimits.RateLimitCodes.RateLimited,
        >= 500 => "server.error",
        _ => "request.invalid",
    };

    public static string TitleFor(int status) => ReasonPhrases.GetReasonPhrase(status);

    /// <summary>Gives every problem document a <c>code</c>, also those written by the framework (unknown route, wrong method).</summary>
    public static void AddCode(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Extensions.TryAdd(CodeKey, ForStatus(problem.Status ?? context.HttpContext.Response.StatusCode));
        problem.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier);
        problem.Type ??= $"urn:chatclean:problem:{problem.Extensions[CodeKey]}";
    }
}

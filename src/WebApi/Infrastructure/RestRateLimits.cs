using System.Globalization;
using ChatClean.Application.Abstractions.RateLimits;
using Microsoft.Extensions.Options;

namespace ChatClean.WebApi.Infrastructure;

/// <summary>
/// Rate limits on the REST API (per signed-in user and per client address), on login (per account and per address)
/// and on WebSocket frames (per user). Counters live in Redis when it is configured, so a limit holds across nodes.
/// A refused request gets <c>429</c> with <c>Retry-After</c> and the code <c>rate_limited</c>.
/// </summary>
public static class RestRateLimits
{
    /// <summary>Counts every <c>/api</c> request against its user and its address.</summary>
    public static IApplicationBuilder UseRestRateLimits(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var options = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        if (options.Enabled && http.Request.Path.StartsWithSegments("/api"))
        {
            var counter = http.RequestServices.GetRequiredService<IRateLimitCounter>();
            var refused = await counter.RefusedAsync(http.RequestAborted, ($"rest:address:{AddressOf(http)}", options.RestPerAddress),
                http.User.FindFirst(Microsoft.IdentityModel.JsonWebTokens.JwtRegisteredClaimNames.Sub)?.Value is { } user ? ($"rest:user:{user}", options.RestPerUser) : default);
            if (refused is { } retryAfter)
            {
                await WriteTooManyAsync(http, retryAfter, "Too many requests; slow down.");
                return;
            }
        }

        await next(http);
    });

    /// <summary>Counts login attempts against the account named and the address they come from.</summary>
    public static RouteHandlerBuilder WithLoginRateLimits(this RouteHandlerBuilder builder) => builder.AddEndpointFilter(async (context, next) =>
    {
        var http = context.HttpContext;
        var options = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        if (options.Enabled)
        {
            var username = context.Arguments.OfType<Endpoints.AuthEndpoints.LoginRequest>().FirstOrDefault()?.Username?.Trim().ToLowerInvariant() ?? string.Empty;
            var counter = http.RequestServices.GetRequiredService<IRateLimitCounter>();
            var refused = await counter.RefusedAsync(http.RequestAborted,
                ($"login:address:{AddressOf(http)}", options.LoginPerAddress), ($"login:account:{username}", options.LoginPerAccount));
            if (refused is { } retryAfter)
            {
                await WriteTooManyAsync(http, retryAfter, "Too many login attempts; wait before trying again.");
                return Results.Empty;
            }
        }

        return await next(context);
    });

    public static string AddressOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static async Task WriteTooManyAsync(HttpContext http, TimeSpan retryAfter, string detail)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await ProblemCodes.WriteAsync(http, StatusCodes.Status429TooManyRequests, RateLimitCodes.RateLimited, detail);
    }
}

using System.Security.Claims;
using ChatClean.Application.Abstractions.Identity;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatClean.WebApi.Infrastructure;

/// <summary>
/// Bearer authentication. Routes only require an authenticated caller; what a caller may do is decided by the
/// permission each request declares (<c>AuthorizationBehavior</c>). How tokens are validated is the infrastructure's
/// (signature, issuer, audience, lifetime); the host decides where a token may come from and how refusals read.
/// </summary>
public static class AuthenticationSetup
{
    public static IServiceCollection AddJwtAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, ConfigureJwtEvents>();
        services.AddAuthorization();
        return services;
    }

    /// <summary>
    /// The claims the service reads (<c>sub</c>, <c>name</c>, <c>role</c>) without the validated token behind them. A
    /// request keeps its principal for as long as it lives, twice (the handler's result and its copy), and for a
    /// WebSocket that is the connection's whole life: the token's text, header and payload with their claims were
    /// about a quarter of what an idle connection held.
    /// </summary>
    internal static ClaimsPrincipal Lean(ClaimsPrincipal validated, string scheme) => new(new ClaimsIdentity(
        validated.Claims
            .Where(c => c.Type is AccessTokenClaims.Subject or AccessTokenClaims.Name or AccessTokenClaims.Role)
            .Select(c => new Claim(c.Type, c.Value, c.ValueType, c.Issuer)),
        scheme, AccessTokenClaims.Name, AccessTokenClaims.Role));

    /// <summary>The token's source (a header, or a query parameter where browsers cannot set headers), revoked sessions, and problem details for 401/403.</summary>
    private sealed class ConfigureJwtEvents : IConfigureNamedOptions<JwtBearerOptions>
    {
        public void Configure(string? name, JwtBearerOptions options) => Configure(options);

        public void Configure(JwtBearerOptions options)
        {
            // Nothing reads the token back from the authentication properties; a WebSocket would hold it for its whole life.
            options.SaveToken = false;
            options.Events = new JwtBearerEvents
            {
                // Browsers cannot set headers on a WebSocket handshake: /ws also takes the token as ?access_token=.
                OnMessageReceived = context =>
                {
                    var request = context.HttpContext.Request;
                    if (request.Path.StartsWithSegments("/ws") && request.Query["access_token"] is [{ Length: > 0 } token])
                    {
                        context.Token = token;
                    }
                    else if (request.Path.StartsWithSegments(JobsDashboard.Path) && request.Headers.Authorization.Count == 0)
                    {
                        // A browser cannot send a bearer header when it follows a link to the dashboard.
                        context.Token = JobsDashboard.TokenOf(request);
                    }

                    return Task.CompletedTask;
                },
                // Signature and lifetime are not enough: the account may have been disabled, or its sessions revoked.
                OnTokenValidated = context =>
                {
                    if (context.SecurityToken is JsonWebToken token &&
                        Guid.TryParse(token.Subject, out var userId) &&
                        context.HttpContext.RequestServices.GetRequiredService<ISessionRevocation>().IsRevoked(userId, new DateTimeOffset(token.IssuedAt, TimeSpan.Zero)))
                    {
                        context.Fail(new SecurityTokenRevokedException("The session was revoked."));
                        return Task.CompletedTask;
                    }

                    context.Principal = Lean(context.Principal!, context.Scheme.Name);
                    return Task.CompletedTask;
                },
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    var (code, detail) = context.AuthenticateFailure switch
                    {
                        SecurityTokenExpiredException => ("auth.token_expired", "The access token has expired."),
                        SecurityTokenRevokedException => ("auth.token_revoked", "The session was ended (account disabled or password reset); sign in again."),
                        _ => ("auth.unauthenticated", "A valid access token is required."),
                    };
                    await ProblemCodes.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, code, detail);
                },
                OnForbidden = context => ProblemCodes.WriteAsync(
                    context.HttpContext, StatusCodes.Status403Forbidden, "auth.forbidden", "Your role may not use this endpoint."),
            };
        }
    }
}

/// <summary>A well-signed, unexpired token whose session was ended (account disabled, password reset).</summary>
public sealed class SecurityTokenRevokedException(string message) : SecurityTokenValidationException(message);

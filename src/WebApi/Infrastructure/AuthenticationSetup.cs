using ChatClean.Domain.Users;
using ChatClean.Infrastructure.Identity;
using ChatClean.Infrastructure.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ChatClean.WebApi.Infrastructure;

public static class AuthenticationSetup
{
    public const string Customer = UserRoleNames.Customer;
    public const string Agent = UserRoleNames.Agent;
    public const string Admin = UserRoleNames.Admin;

    public static IServiceCollection AddJwtAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, ConfigureJwtBearer>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Customer, p => p.RequireRole(UserRoleNames.Customer))
            .AddPolicy(Agent, p => p.RequireRole(UserRoleNames.Agent))
            .AddPolicy(Admin, p => p.RequireRole(UserRoleNames.Admin));
        return services;
    }

    /// <summary>Validates signature, issuer, audience and lifetime; answers 401/403 as problem details with a code.</summary>
    private sealed class ConfigureJwtBearer(IOptions<JwtOptions> jwt, JwtSigningKey signingKey) : IConfigureNamedOptions<JwtBearerOptions>
    {
        public void Configure(string? name, JwtBearerOptions options) => Configure(options);

        public void Configure(JwtBearerOptions options)
        {
            var settings = jwt.Value;
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = settings.Issuer,
                ValidAudience = settings.Audience,
                IssuerSigningKey = signingKey.Key,
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                ValidateIssuer = true,
                ValidateAudience = true,
                ValidateLifetime = true,
                ValidateIssuerSigningKey = true,
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                ClockSkew = settings.ClockSkew,
                NameClaimType = JwtAccessTokenIssuer.NameClaim,
                RoleClaimType = JwtAccessTokenIssuer.RoleClaim,
            };
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
                        context.HttpContext.RequestServices.GetRequiredService<SessionRevocations>().IsRevoked(userId, new DateTimeOffset(token.IssuedAt, TimeSpan.Zero)))
                    {
                        context.Fail(new SecurityTokenRevokedException("The session was revoked."));
                    }

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

using ChatClean.Application.Abstractions.Identity;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace ChatClean.Infrastructure.Security;

/// <summary>
/// How access tokens are checked: signature (HS256 with the configured key), issuer, audience and lifetime, and the
/// claim names. Applied after every other configuration of the scheme, so no configuration section can replace it.
/// </summary>
public sealed class JwtBearerValidation(IOptions<JwtOptions> jwt, JwtSigningKey signingKey) : IPostConfigureOptions<JwtBearerOptions>
{
    public void PostConfigure(string? name, JwtBearerOptions options)
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
            NameClaimType = AccessTokenClaims.Name,
            RoleClaimType = AccessTokenClaims.Role,
        };
    }
}

using System.Security.Claims;
using ChatClean.Application.Abstractions.Identity;
using ChatClean.Domain.Users;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatClean.Infrastructure.Security;

/// <summary>Issues HS256 JWTs with <c>sub</c> (user id), <c>name</c>, <c>role</c> and a unique <c>jti</c>.</summary>
public sealed class JwtAccessTokenIssuer(IOptions<JwtOptions> options, JwtSigningKey signingKey) : IAccessTokenIssuer
{
    public const string RoleClaim = AccessTokenClaims.Role;
    public const string NameClaim = AccessTokenClaims.Name;

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SigningCredentials _credentials = new(signingKey.Key, SecurityAlgorithms.HmacSha256);

    public AccessToken Issue(UserAccount user, DateTimeOffset now)
    {
        var jwt = options.Value;
        var expires = now + jwt.AccessTokenLifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = jwt.Issuer,
            Audience = jwt.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = _credentials,
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, user.Id.Value.ToString()),
                new Claim(NameClaim, user.Username.Value),
                new Claim(RoleClaim, user.Role.ToWire()),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            ]),
        });
        return new AccessToken(token, expires);
    }
}

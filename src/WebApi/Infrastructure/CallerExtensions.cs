using System.Security.Claims;
using ChatClean.Application.Abstractions.Identity;
using ChatClean.Domain.Common;
using ChatClean.Domain.Users;

namespace ChatClean.WebApi.Infrastructure;

public static class CallerExtensions
{
    /// <summary>The authenticated caller from the token's <c>sub</c> and <c>role</c> claims.</summary>
    public static Caller ToCaller(this ClaimsPrincipal user)
    {
        var subject = user.FindFirstValue(AccessTokenClaims.Subject);
        var role = user.FindFirstValue(AccessTokenClaims.Role);
        return Guid.TryParse(subject, out var id) && UserRoleNames.TryParse(role, out var parsed)
            ? new Caller(new UserId(id), parsed)
            : throw new UnauthorizedException("auth.unauthenticated", "The access token names no valid user and role.");
    }
}

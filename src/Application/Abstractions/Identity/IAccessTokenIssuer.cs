namespace ChatClean.Application.Abstractions.Identity;

/// <summary>A signed, short-lived access token (a JWT) for a user.</summary>
public sealed record AccessToken(string Token, DateTimeOffset ExpiresAt);

public interface IAccessTokenIssuer
{
    AccessToken Issue(UserAccount user, DateTimeOffset now);
}

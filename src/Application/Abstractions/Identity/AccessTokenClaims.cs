namespace ChatClean.Application.Abstractions.Identity;

/// <summary>The claims of an access token: the user id (<c>sub</c>), the username and the role.</summary>
public static class AccessTokenClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
}

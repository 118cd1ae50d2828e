namespace ChatClean.Application.Users;

public sealed record UserView(Guid Id, string Username, string DisplayName, UserRole Role, bool IsDisabled, DateTimeOffset CreatedAt, string? Email, string? Phone)
{
    public static UserView From(UserAccount account) =>
        new(account.Id.Value, account.Username.Value, account.DisplayName, account.Role, account.IsDisabled, account.CreatedAt, account.Email, account.Phone);
}

/// <summary>What a successful login or refresh returns.</summary>
public sealed record AuthTokens(
    string AccessToken,
    DateTimeOffset AccessTokenExpiresAt,
    string RefreshToken,
    DateTimeOffset RefreshTokenExpiresAt,
    string TokenType,
    UserView User);

using ChatClean.Application.Abstractions.Identity;

namespace ChatClean.Application.Users;

/// <summary>Issues an access token and a refresh token of the given family together.</summary>
public sealed class TokenIssuer(IAccessTokenIssuer accessTokens, IRefreshTokenStore refreshTokens, TimeProvider clock)
{
    public async Task<AuthTokens> IssueAsync(UserAccount account, Guid familyId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var access = accessTokens.Issue(account, now);
        var refresh = await refreshTokens.IssueAsync(account.Id, familyId, now, cancellationToken);
        return new AuthTokens(access.Token, access.ExpiresAt, refresh.Token, refresh.ExpiresAt, "Bearer", UserView.From(account));
    }
}

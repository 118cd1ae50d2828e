using ChatClean.Application.Abstractions.Identity;

namespace ChatClean.Application.Users;

/// <summary>Trades a refresh token for a new access token and a new refresh token; the old one is spent.</summary>
[NoCaller("Open: the refresh token is the authorisation.")]
public sealed record RefreshCommand(string? RefreshToken) : ICommand<AuthTokens>;

public sealed class RefreshValidator : AbstractValidator<RefreshCommand>
{
    public RefreshValidator() => RuleFor(c => c.RefreshToken).NotEmpty().MaximumLength(200);
}

public sealed class RefreshHandler(IRefreshTokenStore refreshTokens, IUserRepository users, TokenIssuer tokens, TimeProvider clock)
    : ICommandHandler<RefreshCommand, AuthTokens>
{
    public async ValueTask<AuthTokens> Handle(RefreshCommand command, CancellationToken cancellationToken)
    {
        var redemption = await refreshTokens.RedeemAsync(command.RefreshToken!, clock.GetUtcNow(), cancellationToken);
        var account = await users.FindByIdAsync(redemption.UserId, cancellationToken);
        if (account is null || account.IsDisabled)
        {
            throw new UnauthorizedException("auth.account_disabled", "This account is disabled.");
        }

        return await tokens.IssueAsync(account, redemption.FamilyId, cancellationToken);
    }
}

using ChatClean.Application.Abstractions.Identity;

namespace ChatClean.Application.Users;

/// <summary>Ends a login session: its refresh token family is revoked (access tokens expire on their own).</summary>
[NoCaller("Open: the refresh token is the authorisation.")]
public sealed record LogoutCommand(string? RefreshToken) : ICommand;

public sealed class LogoutValidator : AbstractValidator<LogoutCommand>
{
    public LogoutValidator() => RuleFor(c => c.RefreshToken).NotEmpty().MaximumLength(200);
}

public sealed class LogoutHandler(IRefreshTokenStore refreshTokens, TimeProvider clock) : ICommandHandler<LogoutCommand>
{
    public async ValueTask<Unit> Handle(LogoutCommand command, CancellationToken cancellationToken)
    {
        await refreshTokens.RevokeFamilyAsync(command.RefreshToken!, clock.GetUtcNow(), cancellationToken);
        return Unit.Value;
    }
}

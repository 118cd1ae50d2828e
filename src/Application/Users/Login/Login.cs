using ChatClean.Application.Abstractions.Identity;

namespace ChatClean.Application.Users;

[NoCaller("Open: the credentials are the authorisation.")]
public sealed record LoginCommand(string? Username, string? Password) : ICommand<AuthTokens>;

public sealed class LoginValidator : AbstractValidator<LoginCommand>
{
    public LoginValidator()
    {
        RuleFor(c => c.Username).NotEmpty();
        RuleFor(c => c.Password).NotEmpty();
    }
}

public sealed class LoginHandler(IUserRepository users, IPasswordHasher hasher, TokenIssuer tokens)
    : ICommandHandler<LoginCommand, AuthTokens>
{
    public async ValueTask<AuthTokens> Handle(LoginCommand command, CancellationToken cancellationToken)
    {
        var account = Username.IsValid(command.Username)
            ? await users.FindByUsernameAsync(Username.Create(command.Username), cancellationToken)
            : null;
        if (account is null)
        {
            hasher.VerifyNothing(command.Password!);
            throw InvalidCredentials();
        }

        if (!hasher.Verify(command.Password!, account.PasswordHash))
        {
            throw InvalidCredentials();
        }

        if (account.IsDisabled)
        {
            throw new UnauthorizedException("auth.account_disabled", "This account is disabled.");
        }

        return await tokens.IssueAsync(account, Guid.CreateVersion7(), cancellationToken);
    }

    private static UnauthorizedException InvalidCredentials() =>
        new("auth.invalid_credentials", "The username or password is wrong.");
}

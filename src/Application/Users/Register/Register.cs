namespace ChatClean.Application.Users;

/// <summary>Anyone may register; registration always makes a customer.</summary>
[NoCaller("Open: anyone may register as a customer.")]
public sealed record RegisterCommand(string? Username, string? Password, string? DisplayName, string? Email = null, string? Phone = null) : ICommand<UserView>;

public sealed class RegisterValidator : AbstractValidator<RegisterCommand>
{
    public RegisterValidator()
    {
        RuleFor(c => c.Username).ValidUsername();
        RuleFor(c => c.Password).ValidPassword();
        RuleFor(c => c.DisplayName).ValidDisplayName();
        RuleFor(c => c.Email).ValidEmail();
        RuleFor(c => c.Phone).ValidPhone();
    }
}

public sealed class RegisterHandler(AccountCreator accounts) : ICommandHandler<RegisterCommand, UserView>
{
    public async ValueTask<UserView> Handle(RegisterCommand command, CancellationToken cancellationToken) =>
        UserView.From(await accounts.CreateAsync(command.Username!, command.Password!, command.DisplayName, UserRole.Customer, cancellationToken, command.Email, command.Phone));
}

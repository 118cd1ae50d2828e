namespace ChatClean.Application.Users;

/// <summary>An admin creates an account of any role (agents and admins cannot register themselves).</summary>
[RequiresPermission(Permissions.AdminUsersManage)]
public sealed record CreateUserCommand(Caller Caller, string? Username, string? Password, string? DisplayName, string? Role, string? Email = null, string? Phone = null)
    : ICallerRequest, ICommand<UserView>;

public sealed class CreateUserValidator : AbstractValidator<CreateUserCommand>
{
    public CreateUserValidator()
    {
        RuleFor(c => c.Username).ValidUsername();
        RuleFor(c => c.Password).ValidPassword();
        RuleFor(c => c.DisplayName).ValidDisplayName();
        RuleFor(c => c.Email).ValidEmail();
        RuleFor(c => c.Phone).ValidPhone();
        RuleFor(c => c.Role).NotEmpty().Must(r => UserRoleNames.TryParse(r, out _))
            .WithMessage("The role is one of customer, agent or admin.");
    }
}

public sealed class CreateUserHandler(AccountCreator accounts) : ICommandHandler<CreateUserCommand, UserView>
{
    public async ValueTask<UserView> Handle(CreateUserCommand command, CancellationToken cancellationToken)
    {
        var role = UserRoleNames.TryParse(command.Role, out var parsed)
            ? parsed
            : throw new ArgumentException("The validator admits only known roles.", nameof(command));
        return UserView.From(await accounts.CreateAsync(command.Username!, command.Password!, command.DisplayName, role, cancellationToken, command.Email, command.Phone));
    }
}

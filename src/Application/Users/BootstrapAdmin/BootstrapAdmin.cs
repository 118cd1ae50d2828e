using ChatClean.Application.Abstractions.Identity;

namespace ChatClean.Application.Users;

/// <summary>Creates the first admin from configuration when no admin exists yet; otherwise does nothing.</summary>
[NoCaller("Sent at start-up from configuration.")]
public sealed record BootstrapAdminCommand(string? Username, string? Password) : ICommand<BootstrapAdminOutcome>;

public enum BootstrapAdminOutcome
{
    Created,
    AdminAlreadyExists,
    NotConfigured,
}

public sealed class BootstrapAdminHandler(IUserRepository users, AccountCreator accounts)
    : ICommandHandler<BootstrapAdminCommand, BootstrapAdminOutcome>
{
    public async ValueTask<BootstrapAdminOutcome> Handle(BootstrapAdminCommand command, CancellationToken cancellationToken)
    {
        if (await users.AnyWithRoleAsync(UserRole.Admin, cancellationToken))
        {
            return BootstrapAdminOutcome.AdminAlreadyExists;
        }

        if (string.IsNullOrWhiteSpace(command.Username) || string.IsNullOrEmpty(command.Password))
        {
            return BootstrapAdminOutcome.NotConfigured;
        }

        try
        {
            await accounts.CreateAsync(command.Username, command.Password, "Administrator", UserRole.Admin, cancellationToken);
            return BootstrapAdminOutcome.Created;
        }
        catch (ConflictException)
        {
            // Another node, starting at the same moment, created it first.
            if (await users.AnyWithRoleAsync(UserRole.Admin, cancellationToken))
            {
                return BootstrapAdminOutcome.AdminAlreadyExists;
            }

            throw;
        }
    }
}

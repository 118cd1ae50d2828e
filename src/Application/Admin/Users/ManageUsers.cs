using ChatClean.Application.Abstractions.Identity;
using ChatClean.Application.Users;

namespace ChatClean.Application.Admin;

/// <summary>Accounts of every role, by username, filtered by role and a search in username and display name.</summary>
[RequiresPermission(Permissions.AdminUsersManage)]
public sealed record ListUsersQuery(Caller Caller, string? Role, string? Search, int Page, int PageSize, string? Email = null) : ICallerRequest, IQuery<UserPage>;

public sealed class ListUsersValidator : AbstractValidator<ListUsersQuery>
{
    public ListUsersValidator()
    {
        RuleFor(q => q.Role).Must(r => r is null || UserRoleNames.TryParse(r, out _)).WithMessage("The role is one of customer, agent or admin.");
        RuleFor(q => q.Search).MaximumLength(100);
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, 200);
    }
}

public sealed class ListUsersHandler(IUserDirectory directory, IUserRepository users) : IQueryHandler<ListUsersQuery, UserPage>
{
    public async ValueTask<UserPage> Handle(ListUsersQuery query, CancellationToken cancellationToken)
    {
        UserRole? role = UserRoleNames.TryParse(query.Role, out var parsed) ? parsed : null;
        if (!string.IsNullOrWhiteSpace(query.Email))
        {
            // An exact lookup by email (the stored address is encrypted; its keyed hash is what is searched).
            var found = await users.FindByEmailAsync(query.Email, cancellationToken);
            var matches = found is not null && (role is null || found.Role == role)
                ? (await directory.FindManyAsync([found.Id.Value], cancellationToken)).Values.ToArray()
                : [];
            return new UserPage(matches, 1, query.PageSize, matches.Length);
        }

        return await directory.ListAsync(role, query.Search, query.Page, query.PageSize, cancellationToken);
    }
}

/// <summary>Disables or re-enables an account: a disabled account cannot log in or refresh its tokens.</summary>
[RequiresPermission(Permissions.AdminUsersManage)]
public sealed record SetUserDisabledCommand(Caller Caller, Guid UserId, bool Disabled, UserRole? RequiredRole = null) : ICallerRequest, ICommand<UserView>;

public sealed class SetUserDisabledHandler(IUserRepository users, ISessionRevocation sessions, TimeProvider clock)
    : ICommandHandler<SetUserDisabledCommand, UserView>
{
    public async ValueTask<UserView> Handle(SetUserDisabledCommand command, CancellationToken cancellationToken)
    {
        var id = new UserId(command.UserId);
        var account = await users.FindByIdAsync(id, cancellationToken);
        if (account is null || (command.RequiredRole is { } role && account.Role != role))
        {
            throw new NotFoundException(
                command.RequiredRole == UserRole.Customer ? "customer.not_found" : "user.not_found",
                command.RequiredRole == UserRole.Customer ? "No such customer." : "No such user.");
        }

        if (command.Disabled && account is { Role: UserRole.Admin, IsDisabled: false } &&
            await users.CountActiveAsync(UserRole.Admin, cancellationToken) <= 1)
        {
            throw new ConflictException("user.last_admin", "The last active admin cannot be disabled.");
        }

        await users.SetDisabledAsync(id, command.Disabled, cancellationToken);
        if (command.Disabled)
        {
            // A disabled account is signed out everywhere at once, open WebSockets included.
            await sessions.RevokeAsync(id, clock.GetUtcNow(), cancellationToken);
        }
        else
        {
            await sessions.AccountChangedAsync(id, cancellationToken);
        }

        return UserView.From(account with { IsDisabled = command.Disabled });
    }
}

/// <summary>An admin sets a new password for an account (for a user who lost theirs).</summary>
[RequiresPermission(Permissions.AdminUsersManage)]
public sealed record ResetPasswordCommand(Caller Caller, Guid UserId, string? Password) : ICallerRequest, ICommand<UserView>;

public sealed class ResetPasswordValidator : AbstractValidator<ResetPasswordCommand>
{
    public ResetPasswordValidator() => RuleFor(c => c.Password).ValidPassword();
}

public sealed class ResetPasswordHandler(IUserRepository users, IPasswordHasher hasher, ISessionRevocation sessions, TimeProvider clock)
    : ICommandHandler<ResetPasswordCommand, UserView>
{
    public async ValueTask<UserView> Handle(ResetPasswordCommand command, CancellationToken cancellationToken)
    {
        var id = new UserId(command.UserId);
        var account = await users.FindByIdAsync(id, cancellationToken) ?? throw new NotFoundException("user.not_found", "No such user.");
        await users.SetPasswordHashAsync(id, hasher.Hash(command.Password!), cancellationToken);

        // Whoever knew the old password is signed out.
        await sessions.RevokeAsync(id, clock.GetUtcNow(), cancellationToken);
        return UserView.From(account);
    }
}

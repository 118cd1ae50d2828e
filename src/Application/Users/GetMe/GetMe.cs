using ChatClean.Application.Abstractions.Identity;

namespace ChatClean.Application.Users;

[RequiresPermission(Permissions.AccountReadOwn)]
public sealed record GetMeQuery(Caller Caller) : ICallerRequest, IQuery<UserView>;

public sealed class GetMeHandler(IUserRepository users) : IQueryHandler<GetMeQuery, UserView>
{
    public async ValueTask<UserView> Handle(GetMeQuery query, CancellationToken cancellationToken)
    {
        var account = await users.FindByIdAsync(query.Caller.UserId, cancellationToken)
            ?? throw new UnauthorizedException("auth.unknown_user", "The token's user does not exist.");
        return UserView.From(account);
    }
}

namespace ChatClean.Application.Common;

/// <summary>The authenticated user on whose behalf a command or query runs.</summary>
public sealed record Caller(UserId UserId, UserRole Role)
{
    public Actor ToActor() => Role switch
    {
        UserRole.Customer => Actor.Customer(UserId),
        UserRole.Agent => Actor.Agent(UserId),
        UserRole.Admin => Actor.Admin(UserId),
        _ => throw new ArgumentOutOfRangeException(nameof(Role), Role, null),
    };

}

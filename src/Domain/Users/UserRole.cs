namespace ChatClean.Domain.Users;

public enum UserRole
{
    Customer,
    Agent,
    Admin,
}

public static class UserRoleNames
{
    public const string Customer = "customer";
    public const string Agent = "agent";
    public const string Admin = "admin";

    public static string ToWire(this UserRole role) => role switch
    {
        UserRole.Customer => Customer,
        UserRole.Agent => Agent,
        UserRole.Admin => Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static bool TryParse(string? value, out UserRole role)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case Customer: role = UserRole.Customer; return true;
            case Agent: role = UserRole.Agent; return true;
            case Admin: role = UserRole.Admin; return true;
            default: role = default; return false;
        }
    }
}

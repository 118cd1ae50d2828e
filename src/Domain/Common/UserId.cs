namespace ChatClean.Domain.Common;

/// <summary>Identifies a user of any role (customer, agent, admin).</summary>
public readonly record struct UserId(Guid Value)
{
    public static UserId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString();
}

using ChatClean.Domain.Common;

namespace ChatClean.Domain.Conversations;

/// <summary>What kind of party acts on a conversation.</summary>
public enum ActorKind
{
    Customer,
    Agent,
    Admin,
    Ai,
    System,
}

/// <summary>Who causes a change: a user (customer, agent, admin) or the service itself (AI, timers).</summary>
public sealed record Actor(ActorKind Kind, UserId? UserId)
{
    public static Actor System { get; } = new(ActorKind.System, null);

    public static Actor Ai { get; } = new(ActorKind.Ai, null);

    public static Actor Customer(UserId id) => new(ActorKind.Customer, id);

    public static Actor Agent(UserId id) => new(ActorKind.Agent, id);

    public static Actor Admin(UserId id) => new(ActorKind.Admin, id);
}

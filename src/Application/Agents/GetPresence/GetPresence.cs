using ChatClean.Application.Abstractions;
using ChatClean.Application.Abstractions.Identity;

namespace ChatClean.Application.Agents;

/// <summary>The agents present now (connected recently), their status and name: whom an agent can hand a conversation to.</summary>
[RequiresPermission(Permissions.PresenceRead)]
public sealed record GetPresenceQuery(Caller Caller) : ICallerRequest, IQuery<IReadOnlyList<AgentPresence>>;

public sealed record AgentPresence(Guid AgentId, PresenceStatus Status, string? DisplayName);

public sealed class GetPresenceHandler(IPresence presence, IUserRepository users) : IQueryHandler<GetPresenceQuery, IReadOnlyList<AgentPresence>>
{
    public async ValueTask<IReadOnlyList<AgentPresence>> Handle(GetPresenceQuery query, CancellationToken cancellationToken)
    {
        var present = new List<AgentPresence>();
        foreach (var (agentId, status) in await presence.PresentAsync(cancellationToken))
        {
            var account = await users.FindByIdAsync(new UserId(agentId), cancellationToken);
            present.Add(new AgentPresence(agentId, status, account is null ? null : string.IsNullOrEmpty(account.DisplayName) ? account.Username.Value : account.DisplayName));
        }

        return present.OrderBy(p => p.AgentId).ToArray();
    }
}

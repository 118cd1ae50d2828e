using ChatClean.Application.Abstractions;
using ChatClean.Application.Common;
using ChatClean.Domain.Users;
using Mediator;

namespace ChatClean.Application.Agents;

/// <summary>The agents present now (connected recently) and their status.</summary>
public sealed record GetPresenceQuery(Caller Caller) : IQuery<IReadOnlyList<AgentPresence>>;

public sealed record AgentPresence(Guid AgentId, PresenceStatus Status);

public sealed class GetPresenceHandler(IPresence presence) : IQueryHandler<GetPresenceQuery, IReadOnlyList<AgentPresence>>
{
    public async ValueTask<IReadOnlyList<AgentPresence>> Handle(GetPresenceQuery query, CancellationToken cancellationToken)
    {
        query.Caller.EnsureRole(UserRole.Agent, UserRole.Admin);
        return (await presence.PresentAsync(cancellationToken)).Select(p => new AgentPresence(p.Key, p.Value)).OrderBy(p => p.AgentId).ToArray();
    }
}

using ChatClean.Application.Abstractions;

namespace ChatClean.Application.Agents;

/// <summary>The agents present now (connected recently) and their status.</summary>
[RequiresPermission(Permissions.PresenceRead)]
public sealed record GetPresenceQuery(Caller Caller) : ICallerRequest, IQuery<IReadOnlyList<AgentPresence>>;

public sealed record AgentPresence(Guid AgentId, PresenceStatus Status);

public sealed class GetPresenceHandler(IPresence presence) : IQueryHandler<GetPresenceQuery, IReadOnlyList<AgentPresence>>
{
    public async ValueTask<IReadOnlyList<AgentPresence>> Handle(GetPresenceQuery query, CancellationToken cancellationToken)
    {
        return (await presence.PresentAsync(cancellationToken)).Select(p => new AgentPresence(p.Key, p.Value)).OrderBy(p => p.AgentId).ToArray();
    }
}

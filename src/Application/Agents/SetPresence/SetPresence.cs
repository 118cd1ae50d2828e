using ChatClean.Application.Abstractions;

namespace ChatClean.Application.Agents;

/// <summary>
/// An agent's sign of life, from their socket: connecting, a <c>ping</c>, or a <c>presence</c> frame with a new
/// <see cref="Status"/> (null keeps it). <see cref="Leaving"/> is their last socket closing.
/// </summary>
[RequiresPermission(Permissions.PresenceWrite)]
public sealed record SetPresenceCommand(Caller Caller, PresenceStatus? Status, bool Leaving = false) : ICallerRequest, ICommand<PresenceSet>;

/// <summary>The agent's status as set, or null when they left or kept it.</summary>
public sealed record PresenceSet(Guid AgentId, PresenceStatus? Status);

public sealed class SetPresenceHandler(IPresence presence) : ICommandHandler<SetPresenceCommand, PresenceSet>
{
    public async ValueTask<PresenceSet> Handle(SetPresenceCommand command, CancellationToken cancellationToken)
    {
        var agentId = command.Caller.UserId.Value;
        if (command.Leaving)
        {
            await presence.LeaveAsync(agentId, cancellationToken);
            return new PresenceSet(agentId, null);
        }

        await presence.TouchAsync(agentId, command.Status, cancellationToken);
        return new PresenceSet(agentId, command.Status);
    }
}

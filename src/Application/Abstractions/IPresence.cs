namespace ChatClean.Application.Abstractions;

public enum PresenceStatus
{
    Online,
    Away,
}

/// <summary>
/// Which agents are around. A sign of life keeps an agent present until it expires (connections drop silently);
/// used by the agents' views and by the AI to set expectations ("an agent will answer shortly").
/// </summary>
public interface IPresence
{
    /// <summary>A sign of life from <paramref name="agentId"/>; <paramref name="status"/> changes their status, null keeps it.</summary>
    Task TouchAsync(Guid agentId, PresenceStatus? status, CancellationToken cancellationToken);

    Task LeaveAsync(Guid agentId, CancellationToken cancellationToken);

    /// <summary>The agents present now and their status.</summary>
    Task<IReadOnlyDictionary<Guid, PresenceStatus>> PresentAsync(CancellationToken cancellationToken);
}

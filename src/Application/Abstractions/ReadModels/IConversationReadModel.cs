using ChatClean.Domain.Common;
using ChatClean.Domain.Conversations;

namespace ChatClean.Application.Abstractions.ReadModels;

/// <summary>Queries over the conversation read model (projected from the event log, a few milliseconds behind it).</summary>
public interface IConversationReadModel
{
    Task<IReadOnlyList<ConversationSummary>> ListForCustomerAsync(UserId customerId, int limit, CancellationToken cancellationToken);

    Task<IReadOnlyList<ConversationSummary>> ListForAgentAsync(UserId agentId, int limit, CancellationToken cancellationToken);

    /// <summary>Conversations waiting for a human, oldest request first.</summary>
    Task<IReadOnlyList<ConversationSummary>> ListWaitingAsync(int limit, CancellationToken cancellationToken);
}

public sealed record ConversationSummary(
    Guid Id,
    Guid CustomerId,
    ConversationMode Mode,
    Guid? AgentId,
    string? Subject,
    long Version,
    DateTimeOffset StartedAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? LastMessageAt,
    int MessageCount,
    HandoffReason? WaitingReason,
    DateTimeOffset? WaitingSince);

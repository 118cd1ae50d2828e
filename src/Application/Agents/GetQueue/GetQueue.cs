namespace ChatClean.Application.Agents;

/// <summary>The conversations waiting for a human, oldest first, with their place in the queue and how long they have waited.</summary>
[RequiresPermission(Permissions.QueueRead)]
public sealed record GetQueueQuery(Caller Caller) : ICallerRequest, IQuery<IReadOnlyList<QueueEntry>>;

public sealed record QueueEntry(
    int Position,
    Guid ConversationId,
    Guid CustomerId,
    string? Subject,
    HandoffReason Reason,
    DateTimeOffset WaitingSince,
    double WaitedSeconds);

public sealed class GetQueueHandler(IConversationReadModel readModel, TimeProvider clock)
    : IQueryHandler<GetQueueQuery, IReadOnlyList<QueueEntry>>
{
    private const int MaxEntries = 500;

    public async ValueTask<IReadOnlyList<QueueEntry>> Handle(GetQueueQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var waiting = await readModel.ListWaitingAsync(MaxEntries, cancellationToken);
        return waiting
            .Select((w, index) => new QueueEntry(
                index + 1, w.ConversationId, w.CustomerId, w.Subject, w.Reason, w.RequestedAt, Math.Max(0, (now - w.RequestedAt).TotalSeconds)))
            .ToArray();
    }
}

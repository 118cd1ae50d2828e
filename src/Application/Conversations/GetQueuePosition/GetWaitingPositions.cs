namespace ChatClean.Application.Conversations;

/// <summary>Every waiting conversation with its position, for the service's own notices to customers.</summary>
[NoCaller("Sent by the service to tell waiting customers their place.")]
public sealed record GetWaitingPositionsQuery : IQuery<IReadOnlyList<QueuePosition>>;

public sealed class GetWaitingPositionsHandler(QueuePositions queue) : IQueryHandler<GetWaitingPositionsQuery, IReadOnlyList<QueuePosition>>
{
    public async ValueTask<IReadOnlyList<QueuePosition>> Handle(GetWaitingPositionsQuery query, CancellationToken cancellationToken) =>
        await queue.PositionsAsync(cancellationToken);
}

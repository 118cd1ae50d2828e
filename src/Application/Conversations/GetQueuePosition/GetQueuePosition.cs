namespace ChatClean.Application.Conversations;

/// <summary>The queue position of one conversation, for its customer or staff.</summary>
[RequiresPermission(Permissions.ConversationsParticipate)]
public sealed record GetQueuePositionQuery(Caller Caller, Guid ConversationId) : ICallerRequest, IConversationRequest, IQuery<QueueStatus>;

/// <summary>
/// Once the read models hold the conversation as its stream does now (so a request the caller just made counts),
/// places it in the queue.
/// </summary>
public sealed class GetQueuePositionHandler(ConversationReads reads, IConversationReadModel readModel, QueuePositions queue)
    : IQueryHandler<GetQueuePositionQuery, QueueStatus>
{
    public async ValueTask<QueueStatus> Handle(GetQueuePositionQuery query, CancellationToken cancellationToken)
    {
        var summary = await reads.SummaryAsync(query.ConversationId, null, cancellationToken) ?? throw ConversationVisibility.NotFound();
        if (summary.Mode != ConversationMode.Waiting)
        {
            return new QueueStatus(query.ConversationId, false, null);
        }

        // The queue comes from the read models: give them (bounded) the time to hold this request too.
        await readModel.WaitForVersionAsync(query.ConversationId, summary.Version, ConversationReads.MaxWait, cancellationToken);
        var positions = await queue.PositionsAsync(cancellationToken);
        var mine = positions.FirstOrDefault(p => p.ConversationId == query.ConversationId && p.Episode == summary.CurrentEpisode);
        return new QueueStatus(query.ConversationId, true, mine);
    }
}

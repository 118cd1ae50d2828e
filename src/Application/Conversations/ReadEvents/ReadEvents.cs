namespace ChatClean.Application.Conversations;

/// <summary>
/// Every event of a conversation after <see cref="AfterSeq"/>, in seq order: what a real-time client that reconnects
/// has missed. It replays events rather than state, so it reads the conversation's stream, not a read model.
/// </summary>
[RequiresPermission(Permissions.ConversationsParticipate)]
public sealed record ReadConversationEventsQuery(Caller Caller, Guid ConversationId, long AfterSeq)
    : ICallerRequest, IConversationRequest, IQuery<IReadOnlyList<StoredEvent<IConversationEvent>>>;

public sealed class ReadConversationEventsValidator : AbstractValidator<ReadConversationEventsQuery>
{
    public ReadConversationEventsValidator() => RuleFor(q => q.AfterSeq).GreaterThanOrEqualTo(0);
}

public sealed class ReadConversationEventsHandler(IEventStore eventStore)
    : IQueryHandler<ReadConversationEventsQuery, IReadOnlyList<StoredEvent<IConversationEvent>>>
{
    public async ValueTask<IReadOnlyList<StoredEvent<IConversationEvent>>> Handle(ReadConversationEventsQuery query, CancellationToken cancellationToken)
    {
        var events = new List<StoredEvent<IConversationEvent>>();
        await foreach (var stored in eventStore.ReadStreamToEndAsync(new ConversationId(query.ConversationId).StreamName, query.AfterSeq + 1, cancellationToken))
        {
            events.Add(stored);
        }

        return events;
    }
}

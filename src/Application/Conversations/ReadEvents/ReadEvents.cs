using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Application.Common;
using ChatClean.Domain.Conversations;
using FluentValidation;
using Mediator;

namespace ChatClean.Application.Conversations;

/// <summary>
/// Every event of a conversation after <see cref="AfterSeq"/>, in seq order, for a caller who may see it: what a
/// real-time client that reconnects has missed.
/// </summary>
[RequiresPermission(Permissions.ConversationsParticipate)]
public sealed record ReadConversationEventsQuery(Caller Caller, Guid ConversationId, long AfterSeq) : ICallerRequest, IQuery<IReadOnlyList<StoredConversationEvent>>;

public sealed class ReadConversationEventsValidator : AbstractValidator<ReadConversationEventsQuery>
{
    public ReadConversationEventsValidator() => RuleFor(q => q.AfterSeq).GreaterThanOrEqualTo(0);
}

public sealed class ReadConversationEventsHandler(IEventStore eventStore)
    : IQueryHandler<ReadConversationEventsQuery, IReadOnlyList<StoredConversationEvent>>
{
    public async ValueTask<IReadOnlyList<StoredConversationEvent>> Handle(ReadConversationEventsQuery query, CancellationToken cancellationToken)
    {
        await ConversationAccess.EnsureVisibleAsync(eventStore, query.Caller, query.ConversationId, cancellationToken);
        var stream = new ConversationId(query.ConversationId).StreamName;

        var events = new List<StoredConversationEvent>();
        await foreach (var record in eventStore.ReadStreamToEndAsync(stream, query.AfterSeq + 1, cancellationToken))
        {
            events.Add(new StoredConversationEvent(record, ConversationEventSerializer.Deserialize(record)));
        }

        return events;
    }
}

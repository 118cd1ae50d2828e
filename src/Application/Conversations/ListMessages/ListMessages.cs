using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Application.Common;
using ChatClean.Domain.Conversations;
using FluentValidation;
using Mediator;

namespace ChatClean.Application.Conversations;

/// <summary>The messages of a conversation with a seq above <see cref="AfterSeq"/>, oldest first, at most <see cref="Limit"/>.</summary>
[RequiresPermission(Permissions.ConversationsParticipate)]
public sealed record ListMessagesQuery(Caller Caller, Guid ConversationId, long AfterSeq, int Limit) : ICallerRequest, IQuery<MessagePage>;

public sealed class ListMessagesValidator : AbstractValidator<ListMessagesQuery>
{
    public const int MaxLimit = 500;

    public ListMessagesValidator()
    {
        RuleFor(q => q.AfterSeq).GreaterThanOrEqualTo(0);
        RuleFor(q => q.Limit).InclusiveBetween(1, MaxLimit);
    }
}

/// <summary>Reads straight from the conversation's stream, so a client always sees its own writes.</summary>
public sealed class ListMessagesHandler(IEventStore eventStore) : IQueryHandler<ListMessagesQuery, MessagePage>
{
    public async ValueTask<MessagePage> Handle(ListMessagesQuery query, CancellationToken cancellationToken)
    {
        await ConversationAccess.EnsureVisibleAsync(eventStore, query.Caller, query.ConversationId, cancellationToken);
        var id = new ConversationId(query.ConversationId);

        var messages = new List<MessageView>(query.Limit);
        await foreach (var record in eventStore.ReadStreamToEndAsync(id.StreamName, query.AfterSeq + 1, cancellationToken, Math.Max(query.Limit + 1, 64)))
        {
            if (ConversationEventSerializer.Deserialize(record) is not MessagePosted posted)
            {
                continue;
            }

            if (messages.Count == query.Limit)
            {
                return new MessagePage(query.ConversationId, messages, HasMore: true);
            }

            messages.Add(MessageView.From(record.Revision, posted));
        }

        return new MessagePage(query.ConversationId, messages, HasMore: false);
    }
}

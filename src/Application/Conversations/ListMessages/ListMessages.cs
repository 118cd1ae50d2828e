namespace ChatClean.Application.Conversations;

/// <summary>
/// The messages of a conversation with a seq above <see cref="AfterSeq"/>, oldest first, at most <see cref="Limit"/>,
/// from the read models once they hold <see cref="MinVersion"/> (default: everything written so far).
/// </summary>
[RequiresPermission(Permissions.ConversationsParticipate)]
public sealed record ListMessagesQuery(Caller Caller, Guid ConversationId, long AfterSeq, int Limit, long? MinVersion = null)
    : ICallerRequest, IConversationRequest, IQuery<MessagePage>;

public sealed class ListMessagesValidator : AbstractValidator<ListMessagesQuery>
{
    public const int MaxLimit = 500;

    public ListMessagesValidator()
    {
        RuleFor(q => q.AfterSeq).GreaterThanOrEqualTo(0);
        RuleFor(q => q.Limit).InclusiveBetween(1, MaxLimit);
        RuleFor(q => q.MinVersion).GreaterThan(0).When(q => q.MinVersion is not null);
    }
}

public sealed class ListMessagesHandler(ConversationReads reads) : IQueryHandler<ListMessagesQuery, MessagePage>
{
    public async ValueTask<MessagePage> Handle(ListMessagesQuery query, CancellationToken cancellationToken)
    {
        var messages = await reads.MessagesAfterAsync(query.ConversationId, query.AfterSeq, query.Limit + 1, query.MinVersion, cancellationToken);
        return new MessagePage(query.ConversationId, messages.Take(query.Limit).ToArray(), HasMore: messages.Count > query.Limit);
    }
}

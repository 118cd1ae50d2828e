namespace ChatClean.Application.Conversations;

/// <summary>A customer's own conversations, or the conversations an agent holds; newest first.</summary>
[RequiresPermission(Permissions.ConversationsParticipate)]
public sealed record ListMyConversationsQuery(Caller Caller, int Limit) : ICallerRequest, IQuery<IReadOnlyList<ConversationListItem>>;

public sealed class ListMyConversationsValidator : AbstractValidator<ListMyConversationsQuery>
{
    public ListMyConversationsValidator() => RuleFor(q => q.Limit).InclusiveBetween(1, 200);
}

public sealed class ListMyConversationsHandler(IConversationReadModel readModel)
    : IQueryHandler<ListMyConversationsQuery, IReadOnlyList<ConversationListItem>>
{
    public async ValueTask<IReadOnlyList<ConversationListItem>> Handle(ListMyConversationsQuery query, CancellationToken cancellationToken) =>
        query.Caller.Role == UserRole.Customer
            ? (await readModel.ListForCustomerAsync(query.Caller.UserId, query.Limit, cancellationToken)).Select(ConversationListItem.From).ToArray()
            : (await readModel.ListForAgentAsync(query.Caller.UserId, query.Limit, cancellationToken)).Select(ConversationListItem.From).ToArray();
}

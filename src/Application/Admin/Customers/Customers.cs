namespace ChatClean.Application.Admin;

/// <summary>A customer's conversations, newest first.</summary>
[RequiresPermission(Permissions.AdminCustomersManage)]
public sealed record ListCustomerConversationsQuery(Caller Caller, Guid CustomerId, int Limit) : ICallerRequest, IQuery<IReadOnlyList<ConversationListItem>>;

public sealed class ListCustomerConversationsValidator : AbstractValidator<ListCustomerConversationsQuery>
{
    public ListCustomerConversationsValidator() => RuleFor(q => q.Limit).InclusiveBetween(1, 500);
}

public sealed class ListCustomerConversationsHandler(IConversationReadModel readModel)
    : IQueryHandler<ListCustomerConversationsQuery, IReadOnlyList<ConversationListItem>>
{
    public async ValueTask<IReadOnlyList<ConversationListItem>> Handle(ListCustomerConversationsQuery query, CancellationToken cancellationToken)
    {
        return (await readModel.ListForCustomerAsync(new UserId(query.CustomerId), query.Limit, cancellationToken)).Select(ConversationListItem.From).ToArray();
    }
}

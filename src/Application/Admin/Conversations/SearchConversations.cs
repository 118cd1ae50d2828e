namespace ChatClean.Application.Admin;

/// <summary>
/// Admin search over conversations: by mode, agent, customer, start time range and text in messages, newest
/// first, in keyset pages (pass the previous page's <c>nextCursor</c> as <see cref="Cursor"/>).
/// </summary>
[RequiresPermission(Permissions.AdminConversationsRead)]
public sealed record SearchConversationsQuery(
    Caller Caller,
    string? Mode,
    Guid? AgentId,
    Guid? CustomerId,
    DateTimeOffset? From,
    DateTimeOffset? To,
    string? Text,
    string? Cursor,
    int Limit) : ICallerRequest, IQuery<ConversationPage>;

public sealed class SearchConversationsValidator : AbstractValidator<SearchConversationsQuery>
{
    public const int MaxLimit = 200;

    public SearchConversationsValidator()
    {
        RuleFor(q => q.Mode).Must(m => m is null || ModeFrom(m) is not null).WithMessage("The mode is one of ai, waiting, human or closed.");
        RuleFor(q => q.Text).MaximumLength(200);
        RuleFor(q => q.Cursor).Must(c => ConversationCursor.TryDecode(c, out _)).WithMessage("The cursor is not one this API gave out.");
        RuleFor(q => q.Limit).InclusiveBetween(1, MaxLimit);
        RuleFor(q => q.From).Must((q, from) => from is null || q.To is null || from < q.To).WithMessage("'from' must be before 'to'.");
    }

    public static ConversationMode? ModeFrom(string value) => value switch
    {
        "ai" => ConversationMode.Ai,
        "waiting" => ConversationMode.Waiting,
        "human" => ConversationMode.Human,
        "closed" => ConversationMode.Closed,
        _ => null,
    };
}

public sealed class SearchConversationsHandler(IConversationReadModel readModel) : IQueryHandler<SearchConversationsQuery, ConversationPage>
{
    public async ValueTask<ConversationPage> Handle(SearchConversationsQuery query, CancellationToken cancellationToken)
    {
        ConversationCursor.TryDecode(query.Cursor, out var cursor);
        var filter = new ConversationFilter(
            query.Mode is null ? null : SearchConversationsValidator.ModeFrom(query.Mode),
            query.AgentId,
            query.CustomerId,
            query.From,
            query.To,
            string.IsNullOrWhiteSpace(query.Text) ? null : query.Text.Trim(),
            cursor,
            query.Limit);
        return await readModel.SearchAsync(filter, cancellationToken);
    }
}

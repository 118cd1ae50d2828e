namespace ChatClean.Application.Conversations;

/// <summary>The conversation as its participants see it, from the read models once they hold <see cref="MinVersion"/> (default: everything written so far).</summary>
[RequiresPermission(Permissions.ConversationsParticipate)]
public sealed record GetConversationQuery(Caller Caller, Guid ConversationId, long? MinVersion = null) : ICallerRequest, IConversationRequest, IQuery<ConversationView>;

public sealed class GetConversationValidator : AbstractValidator<GetConversationQuery>
{
    public GetConversationValidator() => RuleFor(q => q.MinVersion).GreaterThan(0).When(q => q.MinVersion is not null);
}

public sealed class GetConversationHandler(ConversationReads reads) : IQueryHandler<GetConversationQuery, ConversationView>
{
    public async ValueTask<ConversationView> Handle(GetConversationQuery query, CancellationToken cancellationToken) =>
        ConversationView.From(await reads.SummaryAsync(query.ConversationId, query.MinVersion, cancellationToken) ?? throw ConversationVisibility.NotFound());
}

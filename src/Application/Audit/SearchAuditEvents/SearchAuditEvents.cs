using ChatClean.Application.Abstractions.Audit;

namespace ChatClean.Application.Audit;

/// <summary>An auditor searches the whole log by event type, actor and time, oldest first, keyset-paged by position.</summary>
[RequiresPermission(Permissions.AuditRead)]
public sealed record SearchAuditEventsQuery(Caller Caller, string? Type, Guid? ActorId, DateTimeOffset? From, DateTimeOffset? To, long AfterPosition, int Limit)
    : ICallerRequest, IQuery<AuditEventPage>;

public sealed class SearchAuditEventsValidator : AbstractValidator<SearchAuditEventsQuery>
{
    public SearchAuditEventsValidator()
    {
        RuleFor(q => q.AfterPosition).GreaterThanOrEqualTo(0);
        RuleFor(q => q.Limit).InclusiveBetween(1, 1000);
        RuleFor(q => q.Type).MaximumLength(200);
        RuleFor(q => q.From).Must((q, from) => from is null || q.To is null || from < q.To).WithMessage("'from' must be before 'to'.");
    }
}

public sealed class SearchAuditEventsHandler(IAuditLog log) : IQueryHandler<SearchAuditEventsQuery, AuditEventPage>
{
    public async ValueTask<AuditEventPage> Handle(SearchAuditEventsQuery query, CancellationToken cancellationToken)
    {
        var events = await log.SearchAsync(
            new AuditEventFilter(string.IsNullOrWhiteSpace(query.Type) ? null : query.Type.Trim(), query.ActorId, query.From, query.To, query.AfterPosition, query.Limit + 1),
            cancellationToken);
        var items = events.Take(query.Limit).ToArray();
        return new AuditEventPage(items, events.Count > query.Limit ? items[^1].Position : null);
    }
}

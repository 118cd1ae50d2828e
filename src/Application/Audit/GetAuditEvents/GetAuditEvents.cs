using ChatClean.Application.Abstractions.Audit;

namespace ChatClean.Application.Audit;

/// <summary>An auditor reads a conversation's stream as stored: every event after <see cref="AfterSeq"/>, paged.</summary>
[RequiresPermission(Permissions.AuditRead)]
public sealed record GetAuditEventsQuery(Caller Caller, Guid ConversationId, long AfterSeq, int Limit) : ICallerRequest, IQuery<AuditEventPage>;

public sealed class GetAuditEventsValidator : AbstractValidator<GetAuditEventsQuery>
{
    public GetAuditEventsValidator()
    {
        RuleFor(q => q.AfterSeq).GreaterThanOrEqualTo(0);
        RuleFor(q => q.Limit).InclusiveBetween(1, 1000);
    }
}

public sealed class GetAuditEventsHandler(IAuditLog log) : IQueryHandler<GetAuditEventsQuery, AuditEventPage>
{
    public async ValueTask<AuditEventPage> Handle(GetAuditEventsQuery query, CancellationToken cancellationToken)
    {
        var events = await log.ReadStreamAsync(new ConversationId(query.ConversationId).StreamName, query.AfterSeq, query.Limit + 1, cancellationToken);
        if (events.Count == 0 && query.AfterSeq == 0)
        {
            throw ConversationVisibility.NotFound();
        }

        var items = events.Take(query.Limit).ToArray();
        return new AuditEventPage(items, events.Count > query.Limit ? items[^1].Seq : null);
    }
}

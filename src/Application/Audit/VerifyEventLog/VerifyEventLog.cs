namespace ChatClean.Application.Audit;

/// <summary>An admin checks the whole event log: positions without holes and every hash link intact.</summary>
[RequiresPermission(Permissions.AuditRead)]
public sealed record VerifyEventLogQuery(Caller Caller) : ICallerRequest, IQuery<ChainVerification>;

public sealed class VerifyEventLogHandler(IEventLogVerifier verifier) : IQueryHandler<VerifyEventLogQuery, ChainVerification>
{
    public async ValueTask<ChainVerification> Handle(VerifyEventLogQuery query, CancellationToken cancellationToken)
    {
        return await verifier.VerifyAsync(cancellationToken);
    }
}

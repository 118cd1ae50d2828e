namespace ChatClean.Application.Audit;

/// <summary>
/// Time travel: a conversation as it stood after event <see cref="AtVersion"/>, or after the last event recorded at or
/// before <see cref="AtTime"/>, folded from its stream by the read side's one fold (<see cref="ConversationSummary.Evolve"/>).
/// </summary>
[RequiresPermission(Permissions.AuditRead)]
public sealed record GetStateAtQuery(Caller Caller, Guid ConversationId, long? AtVersion, DateTimeOffset? AtTime) : ICallerRequest, IQuery<ConversationStateAt>;

/// <summary>The state and the event it stopped at (its seq, the state's version, and when it was recorded).</summary>
public sealed record ConversationStateAt(long Version, DateTimeOffset RecordedAt, ConversationSummary State);

public sealed class GetStateAtValidator : AbstractValidator<GetStateAtQuery>
{
    public GetStateAtValidator()
    {
        RuleFor(q => q).Must(q => q.AtVersion is null != q.AtTime is null).WithName("atVersion").WithMessage("Give exactly one of 'atVersion' and 'atTime'.");
        RuleFor(q => q.AtVersion).GreaterThanOrEqualTo(1);
    }
}

public sealed class GetStateAtHandler(IEventStore eventStore) : IQueryHandler<GetStateAtQuery, ConversationStateAt>
{
    public async ValueTask<ConversationStateAt> Handle(GetStateAtQuery query, CancellationToken cancellationToken)
    {
        ConversationSummary? state = null;
        DateTimeOffset recordedAt = default;
        var any = false;
        await foreach (var stored in eventStore.ReadStreamToEndAsync(new ConversationId(query.ConversationId).StreamName, 1, cancellationToken))
        {
            any = true;
            if (stored.Seq > query.AtVersion || stored.RecordedAt > query.AtTime)
            {
                break;
            }

            state = ConversationSummary.Evolve(state, stored.Event, stored.Seq);
            recordedAt = stored.RecordedAt;
        }

        if (!any)
        {
            throw ConversationVisibility.NotFound();
        }

        return state is null
            ? throw new NotFoundException("audit.before_start", "The conversation had not started at that time.")
            : new ConversationStateAt(state.Version, recordedAt, state);
    }
}

using ChatClean.Application.Abstractions;

namespace ChatClean.Application.Admin;

/// <summary>
/// A conversation for an admin: its summary, waiting episodes and full transcript, from the read models once they
/// hold <see cref="MinVersion"/> (default: everything written so far; see <see cref="ConversationReads"/>).
/// </summary>
[RequiresPermission(Permissions.AdminConversationsRead)]
public sealed record GetConversationDetailQuery(Caller Caller, Guid ConversationId, long? MinVersion) : ICallerRequest, IQuery<ConversationDetail>;

public sealed record ConversationDetail(ConversationListItem Conversation, IReadOnlyList<EpisodeSummary> Episodes, IReadOnlyList<TranscriptMessage> Transcript);

public sealed class GetConversationDetailValidator : AbstractValidator<GetConversationDetailQuery>
{
    public GetConversationDetailValidator() => RuleFor(q => q.MinVersion).GreaterThan(0).When(q => q.MinVersion is not null);
}

public sealed class GetConversationDetailHandler(ConversationReads consistency, IConversationReadModel readModel, IReadCache cache)
    : IQueryHandler<GetConversationDetailQuery, ConversationDetail>
{
    private static readonly TimeSpan CacheTime = TimeSpan.FromMinutes(5);

    public async ValueTask<ConversationDetail> Handle(GetConversationDetailQuery query, CancellationToken cancellationToken)
    {
        // Admin reads answer from the read models as they stand once they hold the writes before the question (or
        // the version asked for: a 409 when it is not reached in time).
        var (version, _) = await consistency.WaitAsync(query.ConversationId, query.MinVersion, cancellationToken);
        var detail = await cache.GetOrCreateAsync(
            $"admin:conversation:{query.ConversationId:N}", LoadAsync, CacheTime, [CacheTags.Conversation(query.ConversationId)], cancellationToken);

        // The cache entry is dropped right after the projection commits; a reader that waited for that commit may come first.
        return detail.Conversation.Version >= version ? detail : await LoadAsync(cancellationToken);

        async ValueTask<ConversationDetail> LoadAsync(CancellationToken ct)
        {
            var summary = await readModel.FindAsync(query.ConversationId, ct) ?? throw ConversationVisibility.NotFound();
            return new ConversationDetail(
                ConversationListItem.From(summary), await readModel.EpisodesAsync(query.ConversationId, ct), await readModel.TranscriptAsync(query.ConversationId, ct));
        }
    }
}

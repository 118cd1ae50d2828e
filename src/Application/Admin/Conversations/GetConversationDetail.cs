using ChatClean.Application.Abstractions;
using ChatClean.Application.Abstractions.ReadModels;
using ChatClean.Application.Common;
using ChatClean.Application.Conversations;
using ChatClean.Domain.Users;
using FluentValidation;
using Mediator;

namespace ChatClean.Application.Admin;

/// <summary>
/// A conversation for an admin: its summary, waiting episodes and full transcript, from the read models.
/// With <see cref="MinVersion"/> (the version a command answered) the query first waits, at most
/// <see cref="GetConversationDetailHandler.MaxWait"/>, until the read models hold that version.
/// </summary>
[RequiresPermission(Permissions.AdminConversationsRead)]
public sealed record GetConversationDetailQuery(Caller Caller, Guid ConversationId, long? MinVersion) : ICallerRequest, IQuery<ConversationDetail>;

public sealed record ConversationDetail(ConversationSummary Conversation, IReadOnlyList<EpisodeSummary> Episodes, IReadOnlyList<TranscriptMessage> Transcript);

public sealed class GetConversationDetailValidator : AbstractValidator<GetConversationDetailQuery>
{
    public GetConversationDetailValidator() => RuleFor(q => q.MinVersion).GreaterThan(0).When(q => q.MinVersion is not null);
}

public sealed class GetConversationDetailHandler(IConversationReadModel readModel, IReadCache cache)
    : IQueryHandler<GetConversationDetailQuery, ConversationDetail>
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan CacheTime = TimeSpan.FromMinutes(5);

    public async ValueTask<ConversationDetail> Handle(GetConversationDetailQuery query, CancellationToken cancellationToken)
    {
        if (query.MinVersion is { } version && !await readModel.WaitForVersionAsync(query.ConversationId, version, MaxWait, cancellationToken))
        {
            throw new ConflictException("read_model.behind", $"The read models did not reach version {version} within {MaxWait.TotalSeconds:0} s; retry.");
        }

        var detail = await cache.GetOrCreateAsync(
            $"admin:conversation:{query.ConversationId:N}", LoadAsync, CacheTime, [CacheTags.Conversation(query.ConversationId)], cancellationToken);

        // The cache entry is dropped right after the projection commits; a reader that waited for that commit may come first.
        return detail.Conversation.Version >= (query.MinVersion ?? 0) ? detail : await LoadAsync(cancellationToken);

        async ValueTask<ConversationDetail> LoadAsync(CancellationToken ct)
        {
            var summary = await readModel.FindAsync(query.ConversationId, ct) ?? throw ConversationAccess.NotFound();
            return new ConversationDetail(summary, await readModel.EpisodesAsync(query.ConversationId, ct), await readModel.TranscriptAsync(query.ConversationId, ct));
        }
    }
}

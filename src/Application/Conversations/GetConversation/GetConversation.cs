using ChatClean.Application.Common;
using ChatClean.Domain.Conversations;
using Mediator;

namespace ChatClean.Application.Conversations;

[RequiresPermission(Permissions.ConversationsParticipate)]
public sealed record GetConversationQuery(Caller Caller, Guid ConversationId) : ICallerRequest, IQuery<ConversationView>;

/// <summary>Folds the conversation's stream, so the answer includes every change the caller just made.</summary>
public sealed class GetConversationHandler(ConversationStreams streams) : IQueryHandler<GetConversationQuery, ConversationView>
{
    public async ValueTask<ConversationView> Handle(GetConversationQuery query, CancellationToken cancellationToken)
    {
        var loaded = await streams.LoadAsync(new ConversationId(query.ConversationId), cancellationToken);
        return ConversationViewBuilder.Build(loaded.EnsureVisibleTo(query.Caller));
    }
}

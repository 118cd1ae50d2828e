using ChatClean.Application.Abstractions.Subscriptions;
using ChatClean.Infrastructure.EventStore;

namespace ChatClean.Infrastructure.Audit.Erasure;

/// <summary>
/// On every node, an erasure also reaches what the node keeps in memory: the recent events it holds lose the
/// conversation's texts (the log rows were rewritten before the erasure event was appended, so a later read finds
/// them erased too; the read caches are dropped with the read models' change).
/// </summary>
public sealed class ForgetErasedTexts(RecentEvents recent) : IEventReactor
{
    public string Name => "erasure";

    public ValueTask ReactAsync(StoredEvent<IConversationEvent> stored, CancellationToken cancellationToken)
    {
        if (stored.Event is PersonalDataErased erased)
        {
            recent.Erase(erased.ConversationId, stored.Position);
        }

        return ValueTask.CompletedTask;
    }
}

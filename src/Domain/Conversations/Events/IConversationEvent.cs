namespace ChatClean.Domain.Conversations;

/// <summary>
/// Something that happened to a conversation. Events are immutable values (no entity objects) so their JSON form
/// stays stable; each carries its wire name as an <see cref="Common.EventTypeAttribute"/>.
/// </summary>
public interface IConversationEvent
{
    Guid ConversationId { get; }

    DateTimeOffset At { get; }
}

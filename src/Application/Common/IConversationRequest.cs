namespace ChatClean.Application.Common;

/// <summary>
/// A request about one conversation. <see cref="ConversationVisibilityBehavior{TMessage,TResponse}"/> lets it through
/// only if the conversation exists and its caller may see it: to everyone else it does not exist (404).
/// </summary>
public interface IConversationRequest
{
    Guid ConversationId { get; }
}

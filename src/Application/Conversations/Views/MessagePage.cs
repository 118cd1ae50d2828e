namespace ChatClean.Application.Conversations;

/// <summary>A page of messages after a seq; <see cref="HasMore"/> says whether more follow the last one.</summary>
public sealed record MessagePage(Guid ConversationId, IReadOnlyList<MessageView> Messages, bool HasMore);

using ChatClean.Domain.Common;

namespace ChatClean.Domain.Conversations;

/// <summary>A customer opens the conversation; starting it again (a retried start by the same customer) is a repeat.</summary>
public sealed record StartConversation(ConversationId ConversationId, UserId CustomerId, string? Subject, DateTimeOffset At) : ConversationCommand(At);

using ChatClean.Domain.Common;

namespace ChatClean.Domain.Conversations;

/// <summary>
/// The conversation's personal texts (its subject, every message body, the feedback comment) were erased from the
/// events before this one, at the customer's request: <paramref name="Events"/> of them were rewritten.
/// </summary>
[EventType("PersonalDataErased.v1")]
public sealed record PersonalDataErased(Guid ConversationId, Guid CustomerId, int Events, DateTimeOffset At) : IConversationEvent;

using ChatClean.Domain.Common;

namespace ChatClean.Domain.Conversations;

/// <summary>The customer (or an admin) no longer wants a human: waiting episode <paramref name="Episode"/> ends and the AI answers again.</summary>
[EventType("HumanRequestCancelled.v1")]
public sealed record HumanRequestCancelled(Guid ConversationId, int Episode, DateTimeOffset At) : IConversationEvent;

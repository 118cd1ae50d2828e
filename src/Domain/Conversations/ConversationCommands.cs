using ChatClean.Domain.Common;

namespace ChatClean.Domain.Conversations;

/// <summary>A request to change a conversation. Every command carries the time it is decided at: the domain never reads a clock.</summary>
public abstract record ConversationCommand(DateTimeOffset At);

public sealed record StartConversation(ConversationId ConversationId, UserId CustomerId, string? Subject, DateTimeOffset At) : ConversationCommand(At);

public sealed record PostMessage(Guid MessageId, Actor Sender, MessageBody Body, string? ClientMessageId, DateTimeOffset At) : ConversationCommand(At);

public sealed record RequestHuman(HandoffReason Reason, Actor RequestedBy, DateTimeOffset At) : ConversationCommand(At);

public sealed record CancelHumanRequest(Actor By, DateTimeOffset At) : ConversationCommand(At);

public sealed record TakeOver(UserId AgentId, DateTimeOffset At) : ConversationCommand(At);

/// <summary>
/// The waiting deadline of <paramref name="Episode"/> passed; it only counts while that episode is still waiting.
/// With a <paramref name="Notice"/>, the customer is told in a system message appended together with the timeout.
/// </summary>
public sealed record TimeOutToAi(int Episode, DateTimeOffset At, SystemNotice? Notice = null) : ConversationCommand(At);

/// <summary>A message the service posts as <c>system</c>, with the id it will have.</summary>
public sealed record SystemNotice(Guid MessageId, MessageBody Body);

public sealed record ReleaseToAi(UserId AgentId, DateTimeOffset At) : ConversationCommand(At);

public sealed record Transfer(Actor By, UserId ToAgentId, DateTimeOffset At) : ConversationCommand(At);

public sealed record Close(Actor By, DateTimeOffset At) : ConversationCommand(At);

public sealed record GiveFeedback(Actor By, CsatRating Rating, string? Comment, DateTimeOffset At) : ConversationCommand(At);

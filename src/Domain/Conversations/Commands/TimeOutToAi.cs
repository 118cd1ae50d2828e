namespace ChatClean.Domain.Conversations;

/// <summary>
/// The waiting deadline of <paramref name="Episode"/> passed; it only counts while that episode is still waiting.
/// With a <paramref name="Notice"/>, the customer is told in a system message appended together with the timeout.
/// </summary>
public sealed record TimeOutToAi(int Episode, DateTimeOffset At, SystemNotice? Notice = null) : ConversationCommand(At);

namespace ChatClean.Application.Conversations;

/// <summary>The current waiting episode, while the conversation waits for a human.</summary>
public sealed record WaitingView(int Episode, HandoffReason Reason, DateTimeOffset Since);

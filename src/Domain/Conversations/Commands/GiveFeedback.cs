namespace ChatClean.Domain.Conversations;

/// <summary>The customer rates the closed conversation, once.</summary>
public sealed record GiveFeedback(Actor By, CsatRating Rating, string? Comment, DateTimeOffset At) : ConversationCommand(At);

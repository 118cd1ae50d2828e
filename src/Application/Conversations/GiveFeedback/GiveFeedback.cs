namespace ChatClean.Application.Conversations;

/// <summary>The customer rates a closed conversation (CSAT 1–5) with an optional comment, once.</summary>
[RequiresPermission(Permissions.ConversationsFeedback)]
public sealed record GiveFeedbackCommand(Caller Caller, Guid ConversationId, int? Rating, string? Comment) : IConversationChange
{
    public ConversationCommand ToDomain(DateTimeOffset now) =>
        new GiveFeedback(Caller.ToActor(), CsatRating.Create(Rating ?? 0), string.IsNullOrWhiteSpace(Comment) ? null : Comment, now);
}

public sealed class GiveFeedbackValidator : AbstractValidator<GiveFeedbackCommand>
{
    public const int MaxCommentLength = 2000;

    public GiveFeedbackValidator()
    {
        RuleFor(c => c.Rating).NotNull().InclusiveBetween(CsatRating.Min, CsatRating.Max);
        RuleFor(c => c.Comment).MaximumLength(MaxCommentLength);
    }
}

public sealed class GiveFeedbackHandler(ConversationWriter writer) : ConversationChangeHandler<GiveFeedbackCommand>(writer);

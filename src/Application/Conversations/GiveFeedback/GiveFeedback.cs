using ChatClean.Application.Common;
using ChatClean.Domain.Conversations;
using ChatClean.Domain.Users;
using FluentValidation;
using Mediator;

namespace ChatClean.Application.Conversations;

/// <summary>The customer rates a closed conversation (CSAT 1–5) with an optional comment, once.</summary>
[RequiresPermission(Permissions.ConversationsFeedback)]
public sealed record GiveFeedbackCommand(Caller Caller, Guid ConversationId, int? Rating, string? Comment) : ICallerRequest, ICommand<ConversationChanged>;

public sealed class GiveFeedbackValidator : AbstractValidator<GiveFeedbackCommand>
{
    public const int MaxCommentLength = 2000;

    public GiveFeedbackValidator()
    {
        RuleFor(c => c.Rating).NotNull().InclusiveBetween(CsatRating.Min, CsatRating.Max);
        RuleFor(c => c.Comment).MaximumLength(MaxCommentLength);
    }
}

public sealed class GiveFeedbackHandler(ConversationStreams streams, TimeProvider clock)
    : ICommandHandler<GiveFeedbackCommand, ConversationChanged>
{
    public async ValueTask<ConversationChanged> Handle(GiveFeedbackCommand command, CancellationToken cancellationToken)
    {
        var rating = CsatRating.Create(command.Rating!.Value);
        var comment = string.IsNullOrWhiteSpace(command.Comment) ? null : command.Comment;
        var change = await streams.ExecuteAsync(
            new ConversationId(command.ConversationId),
            loaded =>
            {
                loaded.EnsureVisibleTo(command.Caller);
                return new GiveFeedback(command.Caller.ToActor(), rating, comment, clock.GetUtcNow());
            },
            cancellationToken);
        return ConversationChanged.From(change);
    }
}

using ChatClean.Application.Common;
using ChatClean.Domain.Conversations;
using FluentValidation;
using Mediator;

namespace ChatClean.Application.Conversations;

/// <summary>
/// The service itself posts: an AI reply (dropped, posting nothing, when the conversation is no longer in
/// <c>ai</c> mode) or a system notice. Not reachable over HTTP; the AI responder and the timers send it.
/// </summary>
[NoCaller("Sent by the service (AI, timers).")]
public sealed record PostServiceMessageCommand(Guid ConversationId, SenderKind Sender, string? Body) : ICommand<ConversationChanged>;

public sealed class PostServiceMessageValidator : AbstractValidator<PostServiceMessageCommand>
{
    public PostServiceMessageValidator()
    {
        RuleFor(c => c.Sender).Must(s => s is SenderKind.Ai or SenderKind.System).WithMessage("The service posts as ai or system.");
        RuleFor(c => c.Body).NotEmpty().MaximumLength(MessageBody.MaxLength);
    }
}

public sealed class PostServiceMessageHandler(ConversationStreams streams, TimeProvider clock)
    : ICommandHandler<PostServiceMessageCommand, ConversationChanged>
{
    public async ValueTask<ConversationChanged> Handle(PostServiceMessageCommand command, CancellationToken cancellationToken)
    {
        var sender = command.Sender == SenderKind.Ai ? Actor.Ai : Actor.System;
        var body = MessageBody.Create(command.Body);
        var change = await streams.ExecuteAsync(
            new ConversationId(command.ConversationId),
            loaded => loaded.State.Exists
                ? new PostMessage(Guid.CreateVersion7(), sender, body, null, clock.GetUtcNow())
                : throw ConversationAccess.NotFound(),
            cancellationToken);
        return ConversationChanged.From(change);
    }
}

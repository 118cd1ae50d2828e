namespace ChatClean.Application.Conversations;

/// <summary>
/// The service itself posts: an AI message (dropped, posting nothing, when the conversation is no longer in
/// <c>ai</c> mode) or a system notice. Not reachable over HTTP.
/// </summary>
[NoCaller("Sent by the service (AI, timers).")]
public sealed record PostServiceMessageCommand(Guid ConversationId, SenderKind Sender, string? Body) : IConversationRequest, ICommand<ConversationChanged>;

public sealed class PostServiceMessageValidator : AbstractValidator<PostServiceMessageCommand>
{
    public PostServiceMessageValidator()
    {
        RuleFor(c => c.Sender).Must(s => s is SenderKind.Ai or SenderKind.System).WithMessage("The service posts as ai or system.");
        RuleFor(c => c.Body).NotEmpty().MaximumLength(MessageBody.MaxLength);
    }
}

public sealed class PostServiceMessageHandler(ConversationWriter writer) : ICommandHandler<PostServiceMessageCommand, ConversationChanged>
{
    public async ValueTask<ConversationChanged> Handle(PostServiceMessageCommand command, CancellationToken cancellationToken)
    {
        var sender = command.Sender == SenderKind.Ai ? Actor.Ai : Actor.System;
        var body = MessageBody.Create(command.Body);
        return ConversationChanged.From(await writer.ExecuteAsync(
            new ConversationId(command.ConversationId), sender, (_, now) => new PostMessage(Guid.CreateVersion7(), sender, body, null, now), cancellationToken));
    }
}

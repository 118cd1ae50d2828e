using ChatClean.Application.Common;
using ChatClean.Domain.Conversations;
using FluentValidation;
using Mediator;

namespace ChatClean.Application.Conversations;

/// <summary>
/// Posts a message as the caller. A retry with the same <see cref="ClientMessageId"/> returns the original
/// message (same seq) and posts nothing.
/// </summary>
[RequiresPermission(Permissions.ConversationsParticipate)]
public sealed record PostMessageCommand(Caller Caller, Guid ConversationId, string? Body, string? ClientMessageId) : ICallerRequest, ICommand<PostedMessage>;

/// <summary>The posted message (the original one for a retry), the conversation's version, and whether this was a retry.</summary>
public sealed record PostedMessage(MessageView Message, long Version, bool Duplicate);

public sealed class PostMessageValidator : AbstractValidator<PostMessageCommand>
{
    public const int MaxClientMessageIdLength = 100;

    public PostMessageValidator()
    {
        RuleFor(c => c.Body).NotEmpty().Must(b => !string.IsNullOrWhiteSpace(b)).WithMessage("A message needs a body.")
            .MaximumLength(MessageBody.MaxLength);
        RuleFor(c => c.ClientMessageId).MaximumLength(MaxClientMessageIdLength);
    }
}

public sealed class PostMessageHandler(ConversationStreams streams, TimeProvider clock)
    : ICommandHandler<PostMessageCommand, PostedMessage>
{
    public async ValueTask<PostedMessage> Handle(PostMessageCommand command, CancellationToken cancellationToken)
    {
        var sender = command.Caller.ToActor();
        var clientMessageId = string.IsNullOrWhiteSpace(command.ClientMessageId) ? null : command.ClientMessageId;
        var body = MessageBody.Create(command.Body);
        var change = await streams.ExecuteAsync(
            new ConversationId(command.ConversationId),
            loaded =>
            {
                loaded.EnsureVisibleTo(command.Caller);
                return new PostMessage(Guid.CreateVersion7(), sender, body, clientMessageId, clock.GetUtcNow());
            },
            cancellationToken);

        if (change.Appended is [{ Event: MessagePosted posted } stored])
        {
            return new PostedMessage(MessageView.From(stored.Record.Revision, posted), change.Version, Duplicate: false);
        }

        var original = change.Before.History.Last(e =>
            e.Event is MessagePosted m && m.ClientMessageId == clientMessageId && m.SenderId == sender.UserId?.Value);
        return new PostedMessage(MessageView.From(original.Record.Revision, (MessagePosted)original.Event), change.Version, Duplicate: true);
    }
}

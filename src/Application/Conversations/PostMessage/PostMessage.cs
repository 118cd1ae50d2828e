using ChatClean.Application.Abstractions.Plugins;

namespace ChatClean.Application.Conversations;

/// <summary>
/// Posts a message as the caller. A retry with the same <see cref="ClientMessageId"/> returns the original message
/// (same seq) and posts nothing. The id is optional on every transport, REST and WebSocket alike; without it a
/// retry is a new message.
/// </summary>
[RequiresPermission(Permissions.ConversationsParticipate)]
public sealed record PostMessageCommand(Caller Caller, Guid ConversationId, string? Body, string? ClientMessageId)
    : ICallerRequest, IConversationRequest, ICommand<PostedMessage>;

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

/// <summary>Screens the text through the plugins' filters (<see cref="IMessageScreen"/>), then posts what they leave.</summary>
public sealed class PostMessageHandler(ConversationWriter writer, IEventStore eventStore, IMessageScreen screen) : ICommandHandler<PostMessageCommand, PostedMessage>
{
    public async ValueTask<PostedMessage> Handle(PostMessageCommand command, CancellationToken cancellationToken)
    {
        var sender = command.Caller.ToActor();
        var clientMessageId = string.IsNullOrWhiteSpace(command.ClientMessageId) ? null : command.ClientMessageId;
        var id = new ConversationId(command.ConversationId);
        var body = MessageBody.Create(await screen.ScreenAsync(id, sender, MessageBody.Create(command.Body).Value, cancellationToken));
        var result = await writer.ExecuteAsync(id, sender, (_, now) => new PostMessage(Guid.CreateVersion7(), sender, body, clientMessageId, now), cancellationToken);
        return result.Decision switch
        {
            Decision.Changed => new PostedMessage(MessageView.From(result.Appended[0].Seq, (MessagePosted)result.Appended[0].Event), result.Version, Duplicate: false),
            Decision.AlreadyPosted(var seq) => new PostedMessage(await OriginalAsync(id, seq, cancellationToken), result.Version, Duplicate: true),
            _ => throw new InvalidOperationException($"A {sender.Kind} message was not posted: {result.Decision}."),
        };
    }

    /// <summary>The message a retry repeats: the one event at its seq.</summary>
    private async Task<MessageView> OriginalAsync(ConversationId id, long seq, CancellationToken cancellationToken) =>
        (await eventStore.ReadStreamAsync(id.StreamName, seq, 1, cancellationToken)) is [{ Event: MessagePosted posted }]
            ? MessageView.From(seq, posted)
            : throw new InvalidOperationException($"The message at seq {seq} of {id} is missing.");
}

namespace ChatClean.Application.Conversations;

/// <summary>A customer opens a conversation. A client-chosen id makes a retried start return the same conversation.</summary>
[RequiresPermission(Permissions.ConversationsStart)]
public sealed record StartConversationCommand(Caller Caller, Guid? ConversationId, string? Subject) : ICallerRequest, ICommand<ConversationView>;

public sealed class StartConversationValidator : AbstractValidator<StartConversationCommand>
{
    public const int MaxSubjectLength = 200;

    public StartConversationValidator()
    {
        RuleFor(c => c.Subject).MaximumLength(MaxSubjectLength);
        RuleFor(c => c.ConversationId).NotEqual(Guid.Empty).When(c => c.ConversationId is not null);
    }
}

/// <summary>Starts the conversation; a retried start answers the conversation as the read models hold it.</summary>
public sealed class StartConversationHandler(ConversationWriter writer, ConversationReads reads)
    : ICommandHandler<StartConversationCommand, ConversationView>
{
    public async ValueTask<ConversationView> Handle(StartConversationCommand command, CancellationToken cancellationToken)
    {
        var id = new ConversationId(command.ConversationId ?? Guid.CreateVersion7());
        var subject = string.IsNullOrWhiteSpace(command.Subject) ? null : command.Subject.Trim();
        var result = await writer.ExecuteAsync(
            id, command.Caller.ToActor(), (_, now) => new StartConversation(id, command.Caller.UserId, subject, now), cancellationToken);
        if (result.Appended is [var started])
        {
            return ConversationView.From(ConversationSummary.Evolve(null, started.Event, started.Seq)!);
        }

        return ConversationView.From(await reads.SummaryAsync(id.Value, null, cancellationToken) ?? throw ConversationVisibility.NotFound());
    }
}

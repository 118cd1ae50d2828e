using ChatClean.Application.Common;
using ChatClean.Domain.Conversations;
using ChatClean.Domain.Users;
using FluentValidation;
using Mediator;

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

public sealed class StartConversationHandler(ConversationStreams streams, TimeProvider clock)
    : ICommandHandler<StartConversationCommand, ConversationView>
{
    public async ValueTask<ConversationView> Handle(StartConversationCommand command, CancellationToken cancellationToken)
    {
        var id = new ConversationId(command.ConversationId ?? Guid.CreateVersion7());
        var subject = string.IsNullOrWhiteSpace(command.Subject) ? null : command.Subject.Trim();
        var change = await streams.ExecuteAsync(
            id,
            _ => new StartConversation(id, command.Caller.UserId, subject, clock.GetUtcNow()),
            cancellationToken);
        var after = change.Before with
        {
            State = change.State,
            Version = change.Version,
            History = [.. change.Before.History, .. change.Appended],
        };
        return ConversationViewBuilder.Build(after);
    }
}

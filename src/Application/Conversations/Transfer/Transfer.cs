using ChatClean.Application.Abstractions.Identity;

namespace ChatClean.Application.Conversations;

/// <summary>The agent holding the conversation (or an admin) hands it to another active agent.</summary>
[RequiresPermission(Permissions.ConversationsTransfer)]
public sealed record TransferCommand(Caller Caller, Guid ConversationId, Guid? ToAgentId) : IConversationChange
{
    public ConversationCommand ToDomain(DateTimeOffset now) => new Transfer(Caller.ToActor(), new UserId(ToAgentId!.Value), now);
}

public sealed class TransferValidator : AbstractValidator<TransferCommand>
{
    public TransferValidator() => RuleFor(c => c.ToAgentId).NotEmpty();
}

/// <summary>Checks that the target is an active agent, then changes the conversation like any other <see cref="IConversationChange"/>.</summary>
public sealed class TransferHandler(ConversationWriter writer, IUserRepository users) : ICommandHandler<TransferCommand, ConversationChanged>
{
    public async ValueTask<ConversationChanged> Handle(TransferCommand command, CancellationToken cancellationToken)
    {
        var agent = await users.FindByIdAsync(new UserId(command.ToAgentId!.Value), cancellationToken);
        if (agent is not { Role: UserRole.Agent, IsDisabled: false })
        {
            throw new NotFoundException("user.not_an_agent", "The transfer target is not an active agent.");
        }

        return await writer.ChangeAsync(command, cancellationToken);
    }
}

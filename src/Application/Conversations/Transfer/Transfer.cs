using ChatClean.Application.Abstractions.Identity;
using ChatClean.Application.Common;
using ChatClean.Domain.Common;
using ChatClean.Domain.Conversations;
using ChatClean.Domain.Users;
using FluentValidation;
using Mediator;

namespace ChatClean.Application.Conversations;

/// <summary>The agent holding the conversation (or an admin) hands it to another active agent.</summary>
[RequiresPermission(Permissions.ConversationsTransfer)]
public sealed record TransferCommand(Caller Caller, Guid ConversationId, Guid? ToAgentId) : ICallerRequest, ICommand<ConversationChanged>;

public sealed class TransferValidator : AbstractValidator<TransferCommand>
{
    public TransferValidator() => RuleFor(c => c.ToAgentId).NotEmpty();
}

public sealed class TransferHandler(ConversationStreams streams, IUserRepository users, TimeProvider clock)
    : ICommandHandler<TransferCommand, ConversationChanged>
{
    public async ValueTask<ConversationChanged> Handle(TransferCommand command, CancellationToken cancellationToken)
    {
        var target = new UserId(command.ToAgentId!.Value);
        var agent = await users.FindByIdAsync(target, cancellationToken);
        if (agent is not { Role: UserRole.Agent, IsDisabled: false })
        {
            throw new NotFoundException("user.not_an_agent", "The transfer target is not an active agent.");
        }

        var change = await streams.ExecuteAsync(
            new ConversationId(command.ConversationId),
            loaded =>
            {
                loaded.EnsureVisibleTo(command.Caller);
                return new Transfer(command.Caller.ToActor(), target, clock.GetUtcNow());
            },
            cancellationToken);
        return ConversationChanged.From(change);
    }
}

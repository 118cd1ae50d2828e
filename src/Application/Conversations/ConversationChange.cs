namespace ChatClean.Application.Conversations;

/// <summary>
/// A command that changes one conversation on its caller's behalf and answers the conversation's mode and new
/// version: it names the domain command it stands for (<see cref="ToDomain"/>), and the write path does the rest.
/// </summary>
public interface IConversationChange : ICallerRequest, IConversationRequest, ICommand<ConversationChanged>
{
    ConversationCommand ToDomain(DateTimeOffset now);
}

/// <summary>The handler of every <see cref="IConversationChange"/>: decide on the conversation's state and append, through <see cref="ConversationWriter"/>.</summary>
public abstract class ConversationChangeHandler<TCommand>(ConversationWriter writer) : ICommandHandler<TCommand, ConversationChanged>
    where TCommand : IConversationChange
{
    public async ValueTask<ConversationChanged> Handle(TCommand command, CancellationToken cancellationToken) =>
        await writer.ChangeAsync(command, cancellationToken);
}

public static class ConversationChangeExtensions
{
    /// <summary>Runs <paramref name="change"/> through the write path on behalf of its caller.</summary>
    public static async Task<ConversationChanged> ChangeAsync(this ConversationWriter writer, IConversationChange change, CancellationToken cancellationToken) =>
        ConversationChanged.From(await writer.ExecuteAsync(
            new ConversationId(change.ConversationId), change.Caller.ToActor(), (_, now) => change.ToDomain(now), cancellationToken));
}

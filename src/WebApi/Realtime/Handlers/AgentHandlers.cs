using ChatClean.Application.Conversations;

namespace ChatClean.WebApi.Realtime.Handlers;

/// <summary>
/// <c>conversation.takeover</c> (agents): the same command as <c>POST …/takeover</c>. From the takeover on, the
/// agent's connections follow the conversation live; a <c>resume</c> brings what came before.
/// </summary>
public sealed class TakeOverHandler : IFrameHandler
{
    public string Type => "conversation.takeover";

    public async ValueTask HandleAsync(FrameContext context, CancellationToken cancellationToken)
    {
        var id = context.RequiredGuid("conversationId");
        var changed = await context.Mediator.Send(new TakeOverCommand(context.Connection.Caller, id), cancellationToken);
        context.Connection.Follow(id, changed.Version - 1);
        context.Ack(id, changed.Version);
    }
}

/// <summary><c>conversation.release</c> (agents): hands the conversation back to the AI.</summary>
public sealed class ReleaseHandler : IFrameHandler
{
    public string Type => "conversation.release";

    public async ValueTask HandleAsync(FrameContext context, CancellationToken cancellationToken)
    {
        var id = context.RequiredGuid("conversationId");
        context.Ack(id, (await context.Mediator.Send(new ReleaseCommand(context.Connection.Caller, id), cancellationToken)).Version);
    }
}

/// <summary><c>conversation.close</c>: closes the conversation (its customer, an agent, an admin).</summary>
public sealed class CloseHandler : IFrameHandler
{
    public string Type => "conversation.close";

    public async ValueTask HandleAsync(FrameContext context, CancellationToken cancellationToken)
    {
        var id = context.RequiredGuid("conversationId");
        context.Ack(id, (await context.Mediator.Send(new CloseCommand(context.Connection.Caller, id), cancellationToken)).Version);
    }
}

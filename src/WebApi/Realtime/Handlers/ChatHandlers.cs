using ChatClean.Application.Conversations;
using Microsoft.Extensions.Options;

namespace ChatClean.WebApi.Realtime.Handlers;

/// <summary><c>message.send</c>: posts a message; the answer is an <c>ack</c> whose <c>ref</c> is the clientMessageId.</summary>
public sealed class SendMessageHandler : IFrameHandler
{
    public string Type => "message.send";

    public async ValueTask HandleAsync(FrameContext context, CancellationToken cancellationToken)
    {
        var conversationId = context.RequiredGuid("conversationId");
        var posted = await context.Mediator.Send(
            new PostMessageCommand(context.Connection.Caller, conversationId, context.RequiredString("body"), context.RequiredString("clientMessageId")),
            cancellationToken);
        context.Connection.Send(ServerFrame.Create(
            "ack",
            new { Ref = posted.Message.ClientMessageId, ConversationId = conversationId, posted.Message.Seq, posted.Version, posted.Duplicate }));
        if (!context.Connection.IsSubscribed(conversationId))
        {
            // From now on this connection follows the conversation, starting with its own message.
            await ResumeHandler.ResumeAsync(context, conversationId, posted.Message.Seq - 1, cancellationToken);
        }
    }
}

/// <summary><c>resume</c>: everything after <c>afterSeq</c> from the store, then live frames, without gap or duplicate.</summary>
public sealed class ResumeHandler : IFrameHandler
{
    public string Type => "resume";

    public ValueTask HandleAsync(FrameContext context, CancellationToken cancellationToken) =>
        new(ResumeAsync(context, context.RequiredGuid("conversationId"), context.OptionalLong("afterSeq", 0), cancellationToken));

    public static Task ResumeAsync(FrameContext context, Guid conversationId, long afterSeq, CancellationToken cancellationToken) =>
        context.Connection.ResumeAsync(conversationId, afterSeq, async () =>
        {
            var events = await context.Mediator.Send(new ReadConversationEventsQuery(context.Connection.Caller, conversationId, afterSeq), cancellationToken);
            return events.Select(e => ServerFrame.ForEvent(e.Record.Revision, e.Event)).ToArray();
        });
}

/// <summary><c>human.request</c>: the customer asks for a human.</summary>
public sealed class HumanRequestHandler : IFrameHandler
{
    public string Type => "human.request";

    public async ValueTask HandleAsync(FrameContext context, CancellationToken cancellationToken)
    {
        var id = context.RequiredGuid("conversationId");
        var changed = await context.Mediator.Send(new RequestHumanCommand(context.Connection.Caller, id), cancellationToken);
        context.Ack(id, changed.Version);
    }
}

/// <summary>
/// <c>typing</c>: relayed to the other followers of the conversation on every node, at most once per interval
/// per connection, never stored. Only a connection that follows the conversation (so may see it) can type in it.
/// </summary>
public sealed class TypingHandler(TypingRelay relay, IOptions<RealtimeOptions> options, TimeProvider clock) : IFrameHandler
{
    public string Type => "typing";

    public ValueTask HandleAsync(FrameContext context, CancellationToken cancellationToken)
    {
        var id = context.RequiredGuid("conversationId");
        if (!context.Connection.IsSubscribed(id))
        {
            throw new FrameException("conversation.not_followed", "Resume the conversation before typing in it.");
        }

        if (context.Connection.TypingAllowed(id, clock.GetUtcNow(), options.Value.TypingInterval))
        {
            relay.Publish(context.Connection, id, context.OptionalBool("isTyping", true));
        }

        return ValueTask.CompletedTask;
    }
}

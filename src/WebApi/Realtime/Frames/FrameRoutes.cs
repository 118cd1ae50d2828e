using ChatClean.Application.Abstractions;
using ChatClean.Application.Agents;
using ChatClean.Application.Analytics;
using Microsoft.Extensions.Options;

namespace ChatClean.WebApi.Realtime;

/// <summary>
/// The one table from client frame type to what it does: REST and WebSocket send the same requests, so permissions,
/// validation, visibility and the conversation rules are the same on both (docs/websocket-protocol.md).
/// </summary>
public static class FrameRoutes
{
    public static IReadOnlyList<FrameRoute> All { get; } =
    [
        FrameRoute.Request("conversation.start", f => new StartConversationCommand(f.Caller, f.OptionalGuid("conversationId"), f.OptionalString("subject")), ResumeStartedAsync),
        FrameRoute.Request("message.send", f => new PostMessageCommand(f.Caller, f.RequiredGuid("conversationId"), f.RequiredString("body"), f.OptionalString("clientMessageId")), FollowFromMessageAsync),
        FrameRoute.Request("human.request", f => new RequestHumanCommand(f.Caller, f.RequiredGuid("conversationId"))),
        FrameRoute.Request("human.cancel", f => new CancelHumanRequestCommand(f.Caller, f.RequiredGuid("conversationId"))),
        FrameRoute.Request("conversation.takeover", f => new TakeOverCommand(f.Caller, f.RequiredGuid("conversationId")), FollowTakenAsync),
        FrameRoute.Request("conversation.release", f => new ReleaseCommand(f.Caller, f.RequiredGuid("conversationId"))),
        FrameRoute.Request("conversation.transfer", f => new TransferCommand(f.Caller, f.RequiredGuid("conversationId"), f.OptionalGuid("toAgentId"))),
        FrameRoute.Request("conversation.close", f => new CloseCommand(f.Caller, f.RequiredGuid("conversationId"))),
        FrameRoute.Request("conversation.feedback", f => new GiveFeedbackCommand(f.Caller, f.RequiredGuid("conversationId"), f.OptionalInteger("rating"), f.OptionalString("comment"))),
        // The status is read only for a caller who may set one, so that anyone else is told so first, whatever they sent.
        FrameRoute.Request("presence", f => new SetPresenceCommand(f.Caller, f.Caller.Has(Permissions.PresenceWrite) ? StatusOf(f.RequiredString("status")) : null)),
        new("resume", (f, ct) => ResumeAsync(f, f.RequiredGuid("conversationId"), f.OptionalLong("afterSeq", 0), ct)),
        new("typing", TypingAsync),
        new("ping", PingAsync),
        new("figures.watch", WatchFiguresAsync),
    ];

    /// <summary>Everything after <paramref name="afterSeq"/> from the store, then live frames, without gap or duplicate.</summary>
    public static Task ResumeAsync(FrameContext frame, Guid conversationId, long afterSeq, CancellationToken cancellationToken) =>
        frame.Connection.ResumeAsync(conversationId, afterSeq, async () =>
        {
            var mediator = frame.Services.GetRequiredService<IMediator>();
            var events = await mediator.Send(new ReadConversationEventsQuery(frame.Caller, conversationId, afterSeq), cancellationToken);
            return events.Select(ServerFrame.ForEvent).ToArray();
        });

    /// <summary>After a start the connection follows the conversation: it gets what it has not had yet, then <c>resumed</c>.</summary>
    private static Task ResumeStartedAsync(FrameContext frame, object? result, CancellationToken cancellationToken) =>
        result is ConversationView view
            ? ResumeAsync(frame, view.Id, frame.Connection.LastDelivered(view.Id) ?? 0, cancellationToken)
            : Task.CompletedTask;

    /// <summary>From its first message on, a connection follows the conversation, starting with that message.</summary>
    private static Task FollowFromMessageAsync(FrameContext frame, object? result, CancellationToken cancellationToken) =>
        result is PostedMessage posted && !frame.Connection.IsSubscribed(posted.Message.ConversationId)
            ? ResumeAsync(frame, posted.Message.ConversationId, posted.Message.Seq - 1, cancellationToken)
            : Task.CompletedTask;

    /// <summary>From the takeover on, the agent's connection follows the conversation live; a <c>resume</c> brings what came before.</summary>
    private static Task FollowTakenAsync(FrameContext frame, object? result, CancellationToken cancellationToken)
    {
        if (result is ConversationChanged changed)
        {
            frame.Connection.Follow(changed.ConversationId, changed.Version - 1);
        }

        return Task.CompletedTask;
    }

    private static PresenceStatus StatusOf(string status) => status switch
    {
        "online" => PresenceStatus.Online,
        "away" => PresenceStatus.Away,
        _ => throw new FrameException("frame.invalid", "'status' is online or away."),
    };

    /// <summary>Relayed to the other followers on every node, at most once per interval per connection, never stored; only in a followed conversation.</summary>
    private static Task TypingAsync(FrameContext frame, CancellationToken cancellationToken)
    {
        var id = frame.RequiredGuid("conversationId");
        if (!frame.Connection.IsSubscribed(id))
        {
            throw new FrameException("conversation.not_followed", "Resume the conversation before typing in it.");
        }

        var now = frame.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (frame.Connection.Typing.Allows(id, now, frame.Services.GetRequiredService<IOptions<RealtimeOptions>>().Value.TypingInterval))
        {
            frame.Services.GetRequiredService<TypingRelay>().Publish(frame.Connection, id, frame.OptionalBool("isTyping", true));
        }

        return Task.CompletedTask;
    }

    /// <summary><c>pong</c>; an agent's ping is also a sign of life for their presence.</summary>
    private static async Task PingAsync(FrameContext frame, CancellationToken cancellationToken)
    {
        frame.Connection.Send(ServerFrame.Create("pong", new { frame.Ref }));
        if (frame.Caller.Has(Permissions.PresenceWrite))
        {
            await frame.Services.GetRequiredService<IMediator>().Send(new SetPresenceCommand(frame.Caller, null), cancellationToken);
        }
    }

    /// <summary>Admins: a <c>figures</c> frame now and then every few seconds (<see cref="LiveFiguresPublisher"/>); <c>"watch": false</c> stops it.</summary>
    private static async Task WatchFiguresAsync(FrameContext frame, CancellationToken cancellationToken)
    {
        // The query carries the permission: a caller who may not read the figures is refused before watching starts.
        var figures = await frame.Services.GetRequiredService<IMediator>().Send(new GetLiveFiguresQuery(frame.Caller), cancellationToken);
        var watch = frame.OptionalBool("watch", true);
        frame.Connection.WatchesFigures = watch;
        if (watch)
        {
            frame.Connection.Send(ServerFrame.Create("figures", figures));
        }
    }
}

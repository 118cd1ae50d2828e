using ChatClean.Application.Common;
using ChatClean.Application.Abstractions;
using ChatClean.Domain.Users;

namespace ChatClean.WebApi.Realtime.Handlers;

/// <summary><c>ping</c>: answered with <c>pong</c>; keeps the connection (and an agent's presence) alive.</summary>
public sealed class PingHandler(IPresence presence) : IFrameHandler
{
    public string Type => "ping";

    public async ValueTask HandleAsync(FrameContext context, CancellationToken cancellationToken)
    {
        context.Connection.Send(ServerFrame.Create("pong", new { context.Ref }));
        if (context.Connection.Caller.Role == UserRole.Agent)
        {
            await presence.TouchAsync(context.Connection.Caller.UserId.Value, null, cancellationToken);
        }
    }
}

/// <summary><c>presence</c> (agents): sets the agent's status, <c>online</c> or <c>away</c>.</summary>
public sealed class PresenceHandler(IPresence presence) : IFrameHandler
{
    public string Type => "presence";

    public async ValueTask HandleAsync(FrameContext context, CancellationToken cancellationToken)
    {
        context.Connection.Caller.Ensure(Permissions.PresenceWrite);

        var status = context.RequiredString("status") switch
        {
            "online" => PresenceStatus.Online,
            "away" => PresenceStatus.Away,
            _ => throw new FrameException("frame.invalid", "'status' is online or away."),
        };
        await presence.TouchAsync(context.Connection.Caller.UserId.Value, status, cancellationToken);
        context.Connection.Send(ServerFrame.Create("ack", new { context.Ref, Status = status }));
    }
}

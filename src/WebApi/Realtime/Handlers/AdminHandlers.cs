using ChatClean.Application.Analytics;

namespace ChatClean.WebApi.Realtime.Handlers;

/// <summary>
/// <c>figures.watch</c> (admins): the connection receives a <c>figures</c> frame now and then every few seconds
/// (<see cref="LiveFiguresPublisher"/>); <c>"watch": false</c> stops it.
/// </summary>
public sealed class WatchFiguresHandler : IFrameHandler
{
    public string Type => "figures.watch";

    public async ValueTask HandleAsync(FrameContext context, CancellationToken cancellationToken)
    {
        // The query carries the permission: a caller who may not read the figures is refused before watching starts.
        var figures = await context.Mediator.Send(new GetLiveFiguresQuery(context.Connection.Caller), cancellationToken);
        var watch = context.OptionalBool("watch", true);
        context.Connection.WatchesFigures = watch;
        if (watch)
        {
            context.Connection.Send(ServerFrame.Create("figures", figures));
        }
    }
}

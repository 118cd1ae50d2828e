using ChatClean.Application.Analytics;
using ChatClean.Application.Common;

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
        context.Connection.Caller.Ensure(Permissions.AnalyticsRead);

        var watch = context.OptionalBool("watch", true);
        context.Connection.WatchesFigures = watch;
        if (watch)
        {
            var figures = await context.Mediator.Send(new GetLiveFiguresQuery(context.Connection.Caller), cancellationToken);
            context.Connection.Send(ServerFrame.Create("figures", figures));
        }
    }
}

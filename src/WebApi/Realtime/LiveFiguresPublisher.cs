using ChatClean.Application.Analytics;

namespace ChatClean.WebApi.Realtime;

/// <summary>Every few seconds, while an admin on this node watches, computes the live figures once and sends them to every watcher.</summary>
public sealed partial class LiveFiguresPublisher(ConnectionManager connections, IServiceScopeFactory scopes, ILogger<LiveFiguresPublisher> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var watchers = connections.All.Where(c => c.WatchesFigures).ToArray();
            if (watchers.Length == 0)
            {
                continue;
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var figures = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new GetLiveFiguresQuery(watchers[0].Caller), stoppingToken);
                var frame = ServerFrame.Create("figures", figures);
                foreach (var watcher in watchers)
                {
                    watcher.Send(frame);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailure(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live figures could not be computed")]
    private static partial void LogFailure(ILogger logger, Exception exception);
}

using System.Threading.Channels;
using ChatClean.Infrastructure.ReadModels;
using ChatClean.Plugins;
using Microsoft.Extensions.Hosting;

namespace ChatClean.Infrastructure.Plugins;

/// <summary>
/// Tells the observer plugins what the read models applied: each event once in the cluster (on the node that
/// projected it), in log order, at most once. The projection only queues the notices (a bounded queue that drops the
/// oldest, counted); one loop calls the plugins, each with its time limit, so a slow plugin never holds the read models back.
/// </summary>
public sealed class PluginNotifier : BackgroundService, IReadModelObserver
{
    private readonly PluginHost _host;
    private readonly Channel<ProjectedEvent> _queue;
    private readonly DateTimeOffset _since;

    public PluginNotifier(PluginHost host, IOptions<PluginOptions> options, TimeProvider clock)
    {
        _host = host;
        _since = clock.GetUtcNow();
        _queue = Channel.CreateBounded<ProjectedEvent>(
            new BoundedChannelOptions(options.Value.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest },
            _ => PluginMetrics.NoticeDropped());
    }

    public ValueTask OnCommittedAsync(long position, ReadModelChanges changes, CancellationToken cancellationToken)
    {
        if (_host.Observers.Count == 0)
        {
            return ValueTask.CompletedTask;
        }

        // A node that starts catching up on old events (a rebuild, a long outage) does not replay them to plugins.
        foreach (var projected in changes.Events)
        {
            if (projected.Stored.RecordedAt >= _since)
            {
                _queue.Writer.TryWrite(projected);
            }
        }

        return ValueTask.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var projected in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            if (PluginNotices.Of(projected) is not var (hook, call))
            {
                continue;
            }

            foreach (var observer in _host.Observers)
            {
                await _host.CallAsync(observer, hook, async ct => { await call(observer, ct); return true; }, false, _ => "ok", stoppingToken);
            }
        }
    }
}

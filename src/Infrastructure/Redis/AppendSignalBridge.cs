using ChatClean.Infrastructure.EventStore;
using Microsoft.Extensions.Hosting;

namespace ChatClean.Infrastructure.Redis;

/// <summary>Tells other nodes when this one committed events, and wakes this node's readers when they did.</summary>
public sealed class AppendSignalBridge(AppendSignal signal, IClusterBus bus) : IHostedService
{
    private const string Channel = "events-committed";
    private readonly string _node = Guid.NewGuid().ToString("N");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        bus.Subscribe(Channel, node =>
        {
            if (node != _node)
            {
                signal.Wake();
            }
        });
        signal.Committed += Forward;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        signal.Committed -= Forward;
        return Task.CompletedTask;
    }

    private void Forward() => bus.Publish(Channel, _node);
}

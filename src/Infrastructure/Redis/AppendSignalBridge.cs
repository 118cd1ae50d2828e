using ChatClean.Infrastructure.EventStore;
using Microsoft.Extensions.Hosting;

namespace ChatClean.Infrastructure.Redis;

/// <summary>Tells other nodes when this one committed events, and wakes this node's readers when they did.</summary>
public sealed class AppendSignalBridge(AppendSignal signal, IClusterBus bus) : IHostedService
{
    private const string Channel = "events-committed";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // This node's readers were woken by the commit itself.
        bus.Subscribe(Channel, _ => signal.Wake(), includeOwn: false);
        signal.Committed += Forward;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        signal.Committed -= Forward;
        return Task.CompletedTask;
    }

    private void Forward() => bus.Publish(Channel, string.Empty);
}

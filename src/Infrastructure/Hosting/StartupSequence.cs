using ChatClean.Application.Abstractions.Hosting;
using ChatClean.Infrastructure.Subscriptions;
using Microsoft.Extensions.Hosting;

namespace ChatClean.Infrastructure.Hosting;

/// <summary>
/// The one hosted service of a node: starts every <see cref="StartupStep"/> in <see cref="StartupPhase"/> order
/// (registration order within a phase), each after the one before has started, and stops them in reverse. A reactor
/// step starts the reactor's <see cref="LiveSubscription{TReactor}"/>.
/// </summary>
public sealed class StartupSequence(IEnumerable<StartupStep> steps, IServiceProvider services) : IHostedService, IDisposable
{
    private readonly List<IHostedService> _started = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var step in steps.Select((s, i) => (Step: s, Order: i)).OrderBy(s => s.Step.Phase).ThenBy(s => s.Order).Select(s => s.Step))
        {
            var service = step.Reactor
                ? (IHostedService)ActivatorUtilities.CreateInstance(services, typeof(LiveSubscription<>).MakeGenericType(step.Service), services.GetRequiredService(step.Service))
                : (IHostedService)services.GetRequiredService(step.Service);
            await service.StartAsync(cancellationToken);
            _started.Add(service);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        for (var i = _started.Count - 1; i >= 0; i--)
        {
            await _started[i].StopAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
        foreach (var service in _started.OfType<IDisposable>())
        {
            service.Dispose();
        }
    }
}

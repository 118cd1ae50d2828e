using ChatClean.Application.Abstractions.Hosting;
using ChatClean.Infrastructure.Subscriptions;
using Microsoft.Extensions.Hosting;

namespace ChatClean.Infrastructure.Hosting;

/// <summary>
/// The one hosted service of a node: starts every <see cref="StartupStep"/> in <see cref="StartupPhase"/> order
/// (registration order within a phase), each after the one before has started, and stops them in reverse, every one
/// even if another fails. A reactor step starts the reactor's <see cref="LiveSubscription{TReactor}"/>. A background
/// step that fails for good stops the node, as the host does for its own background services.
/// </summary>
public sealed partial class StartupSequence(
    IEnumerable<StartupStep> steps, IServiceProvider services, IHostApplicationLifetime lifetime, ILogger<StartupSequence> logger) : IHostedService, IDisposable
{
    private readonly List<(string Name, IHostedService Service)> _started = [];
    private readonly List<IDisposable> _created = [];
    private readonly Lock _lock = new();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var step in steps.Select((s, i) => (Step: s, Order: i)).OrderBy(s => s.Step.Phase).ThenBy(s => s.Order).Select(s => s.Step))
        {
            var service = step.Reactor ? Subscribe(step.Service) : (IHostedService)services.GetRequiredService(step.Service);
            await service.StartAsync(cancellationToken);
            lock (_lock)
            {
                _started.Add((step.Service.Name, service));
            }

            if (service is BackgroundService background)
            {
                _ = WatchAsync(step.Service.Name, background);
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Stopped once: a host stopped again, even while the first stop runs, finds nothing left to stop. That happens:
        // a test host's StopAsync signals ApplicationStopping, and Program's app.Run() wakes on it and stops the host too.
        (string Name, IHostedService Service)[] started;
        lock (_lock)
        {
            started = _started.ToArray();
            _started.Clear();
        }

        var failures = new List<Exception>();
        for (var i = started.Length - 1; i >= 0; i--)
        {
            try
            {
                await started[i].Service.StopAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The host's shutdown timeout ran out while this step was still stopping: it is abandoned, as the host
                // abandons its own background services, and the steps before it still get their stop.
                LogStopAbandoned(logger, started[i].Name);
            }
            catch (Exception exception)
            {
                LogStopFailed(logger, exception, started[i].Name);
                failures.Add(exception);
            }
        }

        if (failures.Count > 0)
        {
            throw new AggregateException("Some start-up steps failed to stop.", failures);
        }
    }

    /// <summary>Disposes only what the sequence created itself (the subscriptions); the container disposes its own services.</summary>
    public void Dispose()
    {
        // A stop that comes after the dispose (a host disposed without being stopped first) has nothing left to stop.
        lock (_lock)
        {
            _started.Clear();
        }

        foreach (var created in _created)
        {
            created.Dispose();
        }
    }

    private IHostedService Subscribe(Type reactor)
    {
        var subscription = (IHostedService)ActivatorUtilities.CreateInstance(
            services, typeof(LiveSubscription<>).MakeGenericType(reactor), services.GetRequiredService(reactor));
        _created.Add((IDisposable)subscription);
        return subscription;
    }

    private async Task WatchAsync(string name, BackgroundService service)
    {
        try
        {
            if (service.ExecuteTask is { } running)
            {
                await running;
            }
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            LogStepFailed(logger, exception, name);
            lifetime.StopApplication();
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Start-up step {Step} failed for good; the node stops")]
    private static partial void LogStepFailed(ILogger logger, Exception exception, string step);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Start-up step {Step} did not stop within the shutdown timeout; abandoned")]
    private static partial void LogStopAbandoned(ILogger logger, string step);

    [LoggerMessage(Level = LogLevel.Error, Message = "Start-up step {Step} failed to stop")]
    private static partial void LogStopFailed(ILogger logger, Exception exception, string step);
}

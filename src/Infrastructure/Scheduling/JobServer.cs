using Hangfire;
using Microsoft.Extensions.Hosting;

namespace ChatClean.Infrastructure.Scheduling;

/// <summary>
/// This node's Hangfire server, on the host's own storage and job activator (not Hangfire's process-wide
/// configuration). Like Hangfire's own hosted service, it starts working once the whole node has started (after the
/// reactors that arm its jobs and after the web server) and stops fetching jobs as soon as the node starts stopping.
/// </summary>
public sealed class JobServer(JobStorage storage, JobActivator activator, IOptions<SchedulingOptions> options, IHostApplicationLifetime lifetime)
    : IHostedService, IDisposable
{
    private BackgroundJobServer? _server;
    private CancellationTokenRegistration _started;
    private CancellationTokenRegistration _stopping;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _started = lifetime.ApplicationStarted.Register(Start);
        _stopping = lifetime.ApplicationStopping.Register(() => Volatile.Read(ref _server)?.SendStop());
        return Task.CompletedTask;
    }

    /// <summary>Stops the server once; a second stop, or a stop after the container disposed it, does nothing.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _server, null) is { } server)
        {
            server.SendStop();
            await server.WaitForShutdownAsync(cancellationToken);
            server.Dispose();
        }
    }

    public void Dispose()
    {
        _started.Dispose();
        _stopping.Dispose();
        Interlocked.Exchange(ref _server, null)?.Dispose();
    }

    private void Start()
    {
        var settings = options.Value;
        _server = new BackgroundJobServer(
            new BackgroundJobServerOptions
            {
                SchedulePollingInterval = settings.SchedulePollingInterval,
                WorkerCount = settings.WorkerCount,
                ShutdownTimeout = settings.ShutdownTimeout,
                ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}",
                Activator = activator,
            },
            storage);
    }
}

using Hangfire;
using Microsoft.Extensions.Hosting;

namespace ChatClean.Infrastructure.Scheduling;

/// <summary>
/// This node's Hangfire server, on the host's own storage and job activator (not Hangfire's process-wide
/// configuration), started in the jobs phase of the start-up sequence, after the reactors that arm the jobs.
/// </summary>
public sealed class JobServer(JobStorage storage, JobActivator activator, IOptions<SchedulingOptions> options) : IHostedService, IDisposable
{
    private BackgroundJobServer? _server;

    public Task StartAsync(CancellationToken cancellationToken)
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
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { } server)
        {
            server.SendStop();
            await server.WaitForShutdownAsync(cancellationToken);
        }
    }

    public void Dispose() => _server?.Dispose();
}

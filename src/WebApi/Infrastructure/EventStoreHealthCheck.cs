using ChatClean.Application.Abstractions.EventStore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatClean.WebApi.Infrastructure;

/// <summary>Ready when the event store answers a read of its log head.</summary>
public sealed class EventStoreHealthCheck(IEventStore eventStore) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var head = await eventStore.ReadHeadPositionAsync(cancellationToken);
            return HealthCheckResult.Healthy($"log head at {head}");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The event store does not answer.");
        }
    }
}

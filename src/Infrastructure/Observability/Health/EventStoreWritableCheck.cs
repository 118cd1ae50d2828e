using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatClean.Infrastructure.Observability.Health;

/// <summary>
/// Ready when the event store answers a read of its log head and accepts a write statement: an update of the head
/// row that matches nothing, so it takes no lock and changes nothing, yet a read-only server (a replica after a
/// failover, <c>read_only</c> set, a read-only file) refuses it.
/// </summary>
public sealed class EventStoreWritableCheck(IEventStore eventStore, ChatCleanDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        long head;
        try
        {
            head = await eventStore.ReadHeadPositionAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The event store does not answer.");
        }

        try
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE es_log_head SET last_position = last_position WHERE 1 = 0", cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The event store does not accept writes.", data: Data(head));
        }

        return HealthCheckResult.Healthy($"log head at {head}, writable", Data(head));
    }

    private static Dictionary<string, object> Data(long head) => new() { ["head"] = head };
}

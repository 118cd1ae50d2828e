using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatClean.Infrastructure.Observability.Health;

/// <summary>
/// Ready while the read models keep up: the oldest event they have not applied (the one after their checkpoint) is
/// younger than <see cref="HealthOptions.MaxProjectionLag"/>. A node whose projection has stopped or fallen far behind
/// would answer reads from stale tables, so it is taken out of the load balancer until it catches up. Read from this
/// node's database, not from the process-wide lag gauges.
/// </summary>
public sealed class ProjectionLagCheck(IEventStore eventStore, ChatCleanDbContext db, IOptions<HealthOptions> options, TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var checkpoint = await db.ProjectionCheckpoints.AsNoTracking()
            .Where(c => c.Name == ReadModels.ProjectionCheckpoints.ReadModels)
            .Select(c => (long?)c.Position)
            .FirstOrDefaultAsync(cancellationToken) ?? 0;
        var head = await eventStore.ReadHeadPositionAsync(cancellationToken);
        var next = head > checkpoint ? await eventStore.ReadAllAsync(checkpoint, 1, cancellationToken) : [];
        var lag = next.Count == 0 ? TimeSpan.Zero : clock.GetUtcNow() - next[0].RecordedAt;
        if (lag < TimeSpan.Zero)
        {
            lag = TimeSpan.Zero;
        }

        var data = new Dictionary<string, object>
        {
            ["checkpoint"] = checkpoint,
            ["lagEvents"] = Math.Max(0, head - checkpoint),
            ["lagSeconds"] = Math.Round(lag.TotalSeconds, 3),
        };
        var max = options.Value.MaxProjectionLag;
        return lag <= max
            ? HealthCheckResult.Healthy($"read models {head - checkpoint} events behind", data)
            : HealthCheckResult.Unhealthy($"the read models are {lag.TotalSeconds:0} s behind (more than {max.TotalSeconds:0} s)", data: data);
    }
}

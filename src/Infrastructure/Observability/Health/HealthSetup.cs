using ChatClean.Application.Abstractions.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatClean.Infrastructure.Observability.Health;

public static class HealthSetup
{
    /// <summary>The tag of the checks <c>/health/ready</c> runs.</summary>
    public const string Ready = "ready";

    /// <summary>
    /// Readiness: the database, the event store (read and write), the read models' lag, and Redis when it is
    /// configured. Each check has <c>Health:CheckTimeout</c> to answer; a database that hangs is as unready as one that is down.
    /// </summary>
    public static IServiceCollection AddReadinessChecks(this IServiceCollection services, IConfiguration configuration, bool redis)
    {
        services.AddValidatedOptions<HealthOptions>(configuration, HealthOptions.SectionName);
        var timeout = configuration.GetValidated<HealthOptions>(HealthOptions.SectionName).CheckTimeout;
        var checks = services.AddHealthChecks()
            .AddDbContextCheck<ChatCleanDbContext>("database", tags: [Ready])
            .AddCheck<EventStoreWritableCheck>("event-store", tags: [Ready])
            .AddCheck<ProjectionLagCheck>("projection-lag", tags: [Ready]);
        if (redis)
        {
            checks.AddCheck<RedisCheck>("redis", tags: [Ready]);
        }

        services.Configure<HealthCheckServiceOptions>(o =>
        {
            foreach (var registration in o.Registrations)
            {
                registration.Timeout = timeout;
            }
        });

        return services;
    }
}

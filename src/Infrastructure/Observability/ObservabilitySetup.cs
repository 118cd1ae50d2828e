using ChatClean.Application.Abstractions.Hosting;
using ChatClean.Infrastructure.ReadModels;
using Microsoft.Extensions.Configuration;

namespace ChatClean.Infrastructure.Observability;

public static class ObservabilitySetup
{
    /// <summary>The business counters, told by the read models' commits, and the sampler of the cluster-wide gauges.</summary>
    public static IServiceCollection AddBusinessMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<MetricsOptions>(configuration, MetricsOptions.SectionName);
        services.AddSingleton<BusinessMetrics>();
        services.AddSingleton<IReadModelObserver>(sp => sp.GetRequiredService<BusinessMetrics>());
        return services.AddStartupStep<LiveGauges>(StartupPhase.Subscriptions);
    }
}

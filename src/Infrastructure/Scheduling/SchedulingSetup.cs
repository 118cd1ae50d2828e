using ChatClean.Application.Abstractions.Hosting;
using ChatClean.Application.Abstractions.Jobs;
using ChatClean.Application.Ai;
using ChatClean.Infrastructure.Redis;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.Redis.StackExchange;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace ChatClean.Infrastructure.Scheduling;

/// <summary>
/// Hangfire for the waiting timeouts and the AI replies, and the reactors that arm them: Redis storage when <c>ConnectionStrings:Redis</c> is set (shared by every node,
/// under the deployment's key prefix), in-memory storage in the embedded default. Everything Hangfire needs is
/// registered per host (storage, activator, client) instead of through its process-wide <c>GlobalConfiguration</c>,
/// so that several hosts in one process (the tests) each keep their own.
/// </summary>
public static class SchedulingSetup
{
    private static readonly Lazy<bool> SerializerSettings = new(() =>
    {
        GlobalConfiguration.Configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings();
        return true;
    });

    public static IServiceCollection AddBackgroundJobs(this IServiceCollection services, IConfiguration configuration, bool useRedis)
    {
        _ = SerializerSettings.Value;
        services.AddValidatedOptions<SchedulingOptions>(configuration, SchedulingOptions.SectionName);
        services.AddSingleton<JobStorage>(sp =>
        {
            GlobalConfiguration.Configuration.UseLogProvider(new HangfireLogBridge(sp.GetRequiredService<ILoggerFactory>()));
            var options = sp.GetRequiredService<IOptions<SchedulingOptions>>().Value;
            return useRedis
                ? new RedisStorage(sp.GetRequiredService<IConnectionMultiplexer>(), new RedisStorageOptions
                {
                    Prefix = $"{sp.GetRequiredService<RedisOptions>().Prefix}:hangfire:",
                    InvisibilityTimeout = options.InvisibilityTimeout,
                })
                : new InMemoryStorage(new InMemoryStorageOptions());
        });
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<IBackgroundJobClient>(sp => new BackgroundJobClient(sp.GetRequiredService<JobStorage>()));

        // Hangfire's own extensions only check that this marker is registered.
        services.TryAddSingleton<IGlobalConfiguration>(GlobalConfiguration.Configuration);
        services.AddScoped<WaitingTimeoutJob>();
        services.AddScoped<AiReplyJob>();
        services.AddSingleton<JobLedger>();
        services.AddSingleton<HangfireJobScheduler>();
        services.AddSingleton<IJobScheduler>(sp => sp.GetRequiredService<HangfireJobScheduler>());
        if (!configuration.Optional(SchedulingOptions.SectionName + ":" + nameof(SchedulingOptions.Enabled), true))
        {
            return services;
        }

        services.AddEventReactor<ArmWaitingTimeout>();
        services.AddEventReactor<ScheduleAiReply>();
        services.AddStartupStep<JobServer>(StartupPhase.Jobs);
        return services;
    }
}

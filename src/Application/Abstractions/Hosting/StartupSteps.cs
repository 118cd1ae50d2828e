using ChatClean.Application.Abstractions.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ChatClean.Application.Abstractions.Hosting;

/// <summary>
/// A service the start-up sequence starts in its <see cref="Phase"/>: a hosted service, or with <see cref="Reactor"/>
/// an <see cref="IEventReactor"/>, which is started as a live subscription to the event log.
/// </summary>
public sealed record StartupStep(StartupPhase Phase, Type Service, bool Reactor = false);

public static class StartupSteps
{
    /// <summary>Registers <typeparamref name="TService"/> (a singleton) to be started in <paramref name="phase"/>.</summary>
    public static IServiceCollection AddStartupStep<TService>(this IServiceCollection services, StartupPhase phase)
        where TService : class, IHostedService
    {
        services.TryAddSingleton<TService>();
        return services.AddSingleton(new StartupStep(phase, typeof(TService)));
    }

    /// <summary>Registers <typeparamref name="TReactor"/> (a singleton) and its live subscription, started with the other subscriptions.</summary>
    public static IServiceCollection AddEventReactor<TReactor>(this IServiceCollection services)
        where TReactor : class, IEventReactor
    {
        services.AddSingleton<TReactor>();
        return services.AddSingleton(new StartupStep(StartupPhase.Subscriptions, typeof(TReactor), Reactor: true));
    }
}

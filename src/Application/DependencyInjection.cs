using ChatClean.Application.Abstractions.Hosting;
using ChatClean.Application.Users;
using Microsoft.Extensions.DependencyInjection;

namespace ChatClean.Application;

public static class DependencyInjection
{
    /// <summary>Registers the application services; Mediator itself is added by the host, where its source generator runs.</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssemblyContaining<ConversationWriter>(ServiceLifetime.Singleton, includeInternalTypes: false);
        services.AddScoped<ConversationWriter>();
        services.AddScoped<ConversationReads>();
        services.AddSingleton<ConversationOwners>();
        services.AddEventReactor<KeepStatesCurrent>();
        services.AddScoped<AccountCreator>();
        services.AddScoped<TokenIssuer>();
        services.AddScoped<Analytics.AnalyticsWindow>();
        services.AddScoped<QueuePositions>();
        services.AddScoped<Audit.CustomerErasure>();
        services.AddSingleton<Ai.ReplyInterrupts>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}

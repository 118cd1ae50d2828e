using ChatClean.Application.Abstractions.Hosting;
using ChatClean.Application.Abstractions.Webhooks;
using Microsoft.Extensions.Configuration;

namespace ChatClean.Infrastructure.Webhooks;

public static class WebhookSetup
{
    /// <summary>The webhook outbox: the store, the subscription that fills it from the log and the worker that sends it.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<WebhookOptions>(configuration, WebhookOptions.SectionName);
        services.AddHttpClient(WebhookSender.ClientName, c => c.Timeout = System.Threading.Timeout.InfiniteTimeSpan);
        services.AddSingleton<WebhookSignal>();
        services.AddSingleton<WebhookSender>();
        services.AddScoped<IWebhookStore, EfWebhookStore>();
        services.AddStartupStep<WebhookSubscription>(StartupPhase.Subscriptions);
        return services.AddStartupStep<WebhookDispatcher>(StartupPhase.Subscriptions);
    }
}

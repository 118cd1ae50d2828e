using ChatClean.Application.Abstractions.Hosting;
using ChatClean.Application.Abstractions.Plugins;
using ChatClean.Infrastructure.ReadModels;
using ChatClean.Plugins;
using Microsoft.Extensions.Configuration;

namespace ChatClean.Infrastructure.Plugins;

public static class PluginSetup
{
    /// <summary>
    /// The plugin host: message filters screen every message before it is stored, observers hear about what the read
    /// models applied. Plugins registered in DI (<c>services.AddSingleton&lt;IChatPlugin, MyPlugin&gt;()</c>) join the
    /// built-in and folder ones.
    /// </summary>
    public static IServiceCollection AddPlugins(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<PluginOptions>(configuration, PluginOptions.SectionName);
        var folder = configuration.GetValidated<PluginOptions>(PluginOptions.SectionName).Folder;
        services.AddSingleton(sp => new PluginHost(
            PluginLoader.Load(configuration, sp.GetServices<IChatPlugin>(), folder),
            sp.GetRequiredService<IOptions<PluginOptions>>(),
            sp.GetRequiredService<ILogger<PluginHost>>()));
        services.AddSingleton<IMessageScreen, PluginMessageScreen>();
        services.AddSingleton<PluginNotifier>();
        services.AddSingleton<IReadModelObserver>(sp => sp.GetRequiredService<PluginNotifier>());
        services.AddHostedService(sp => sp.GetRequiredService<PluginNotifier>());
        return services;
    }
}

using ChatClean.Application;
using ChatClean.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatClean.Cli.Hosting;

/// <summary>
/// The service's own configuration and storage, for the command line: the service's <c>appsettings.json</c> (and
/// <c>appsettings.{environment}.json</c>) from its content root, then environment variables (<c>Storage__Provider</c>,
/// <c>ConnectionStrings__MySql</c>, …), then the settings a caller passes in. The content root is
/// <c>CHATCLEAN_CONTENT_ROOT</c>, else <c>src/WebApi</c> under the current folder when it is a checkout, else the
/// current folder; relative paths (the SQLite data folder) resolve against it as the service resolves them.
/// </summary>
public sealed class CliServices(IReadOnlyDictionary<string, string?>? overrides) : IAsyncDisposable
{
    private ServiceProvider? _provider;

    public IServiceProvider Provider => _provider ??= Build();

    public static string ContentRoot()
    {
        if (Environment.GetEnvironmentVariable("CHATCLEAN_CONTENT_ROOT") is { Length: > 0 } root)
        {
            return Path.GetFullPath(root);
        }

        var checkout = Path.Combine(Directory.GetCurrentDirectory(), "src", "WebApi");
        return File.Exists(Path.Combine(checkout, "appsettings.json")) ? checkout : Directory.GetCurrentDirectory();
    }

    private ServiceProvider Build()
    {
        var contentRoot = ContentRoot();
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production";
        var configuration = new ConfigurationBuilder()
            .SetBasePath(contentRoot)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddApplication();
        services.AddInfrastructure(configuration, contentRoot);
        var provider = services.BuildServiceProvider();

        // The service's own start-up check: a bad setting is an error naming its key, not a surprise halfway through a command.
        try
        {
            provider.GetService<IStartupValidator>()?.Validate();
            return provider;
        }
        catch (AggregateException many) when (many.InnerExceptions.All(e => e is OptionsValidationException))
        {
            provider.Dispose();
            var failures = many.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures).Distinct();
            throw new OptionsValidationException(Options.DefaultName, typeof(IConfiguration), failures);
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }
}

using Microsoft.Extensions.Hosting;

namespace ChatClean.Infrastructure.Security;

/// <summary>Builds the signing key and the field cipher at start-up, so that a missing or weak key stops the service before it takes a request.</summary>
public sealed class SecurityStartupCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<JwtSigningKey>();
        _ = services.GetRequiredService<FieldCipher>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

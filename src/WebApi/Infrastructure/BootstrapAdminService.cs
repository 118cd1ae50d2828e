using ChatClean.Application.Users;

namespace ChatClean.WebApi.Infrastructure;

/// <summary>At start-up, creates the first admin from <c>Bootstrap:AdminUsername</c> / <c>Bootstrap:AdminPassword</c> if there is no admin.</summary>
public sealed partial class BootstrapAdminService(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<BootstrapAdminService> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var username = configuration["Bootstrap:AdminUsername"];
        await using var scope = scopes.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var outcome = await mediator.Send(new BootstrapAdminCommand(username, configuration["Bootstrap:AdminPassword"]), cancellationToken);
        switch (outcome)
        {
            case BootstrapAdminOutcome.Created:
                LogCreated(logger, username!);
                break;
            case BootstrapAdminOutcome.NotConfigured:
                LogNoAdmin(logger);
                break;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first admin '{Username}' from the Bootstrap configuration")]
    private static partial void LogCreated(ILogger logger, string username);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "No admin exists. Start once with Bootstrap__AdminUsername and Bootstrap__AdminPassword set (environment) " +
        "or Bootstrap:AdminUsername / Bootstrap:AdminPassword (configuration) to create the first one.")]
    private static partial void LogNoAdmin(ILogger logger);
}

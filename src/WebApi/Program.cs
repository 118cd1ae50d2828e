using ChatClean.Application;
using ChatClean.Infrastructure;
using ChatClean.WebApi;
using ChatClean.WebApi.Endpoints;
using ChatClean.WebApi.Web;
using ChatClean.WebApi.Realtime;
using ChatClean.Infrastructure.Observability.Health;
using ChatClean.WebApi.Infrastructure.Observability;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddStructuredLogging();

    builder.Services
        .AddApplication()
        .AddInfrastructure(builder.Configuration, builder.Environment.ContentRootPath)
        .AddWebApi(builder.Configuration);

    var app = builder.Build();
    app.ValidateConfiguration();

    app.UseWebSecurity();
    app.UseMiddleware<RequestLogging>();
    app.UseJsonCompression();
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.UseWebSockets();
    app.UseAuthentication();
    app.UseAuthorization();
    app.UseRestRateLimits();

    app.MapOpenApi();
    app.MapPrometheusScrapingEndpoint("/metrics");
    app.MapHealthChecks("/health/live", HealthResponse.Options(_ => false));
    app.MapHealthChecks("/health/ready", HealthResponse.Options(check => check.Tags.Contains(HealthSetup.Ready)));

    app.MapWebConsole();
    app.MapRealtime();
    app.MapJobsDashboard();
    app.MapGroup("/api/v1")
        .MapAuthEndpoints()
        .MapConversationEndpoints()
        .MapAttachmentEndpoints()
        .MapAgentEndpoints()
        .MapAdminEndpoints();

    app.Run();
    return 0;
}
catch (Exception exception) when (InvalidConfiguration.Failures(exception) is { Count: > 0 } failures)
{
    return InvalidConfiguration.Report(failures, Console.Error);
}

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;

using System.Text.Json;
using System.Text.Json.Serialization;
using ChatClean.Application.Abstractions.Hosting;
using ChatClean.WebApi.Realtime;
using Microsoft.AspNetCore.Http.Json;
using ChatClean.WebApi.Infrastructure.Observability;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ChatClean.WebApi;

public static class DependencyInjection
{
    /// <summary>Request bodies above this many bytes are refused with 413 (key <c>Kestrel:Limits:MaxRequestBodySize</c>).</summary>
    public const long DefaultMaxRequestBodyBytes = 1024 * 1024;

    /// <summary>
    /// Connections Kestrel holds at once (key <c>Kestrel:Limits:MaxConcurrentConnections</c>): the open-file limit less
    /// 256 files for the database pool, Redis, logs and the runtime, so that accepting never fails for want of a file
    /// (a server out of files spins on its listening socket); none where the limit is unknown or small.
    /// </summary>
    public static long? DefaultMaxConnections(long? openFiles) => openFiles is > 1024 and var files ? files - 256 : null;

    public static IServiceCollection AddWebApi(this IServiceCollection services, IConfiguration configuration)
    {
        // Read (and checked) now, not when Kestrel starts: a bad value stops the start naming its key.
        var maxRequestBody = configuration.Optional("Kestrel:Limits:MaxRequestBodySize", DefaultMaxRequestBodyBytes, new PositiveAttribute());
        var maxConnections = configuration.Optional<long?>("Kestrel:Limits:MaxConcurrentConnections", null, new PositiveAttribute()) ?? DefaultMaxConnections(ProcessLimits.OpenFiles());
        services.Configure<KestrelServerOptions>(o =>
        {
            o.Limits.MaxRequestBodySize = maxRequestBody;
            o.Limits.MaxConcurrentConnections = maxConnections;
        });
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(Application.DependencyInjection)];
            options.PipelineBehaviors = [typeof(CommandLoggingBehavior<,>), typeof(AuthorizationBehavior<,>), typeof(ValidationBehavior<,>), typeof(ConversationVisibilityBehavior<,>)];
        });

        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower)));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemCodes.AddCode);
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        // Request lines carry query strings, and a WebSocket URL carries the access token: never log them, at any level.
        services.AddLogging(logging => logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning));
        services.AddJwtAuthentication();
        services.AddWebSecurity(configuration);
        services.AddValidatedOptions<Web.WebConsoleOptions>(configuration, Web.WebConsoleOptions.SectionName);
        services.AddRealtime(configuration);
        services.AddJobsDashboard();
        services.AddTelemetry(configuration);
        services.AddJsonCompression();
        services.AddOpenApi();

        services.AddStartupStep<BootstrapAdminService>(StartupPhase.Accounts);
        return services;
    }
}

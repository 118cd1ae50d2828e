using System.Text.Json;
using System.Text.Json.Serialization;
using ChatClean.Application.Common;
using ChatClean.Infrastructure.Persistence;
using ChatClean.WebApi.Infrastructure;
using Microsoft.AspNetCore.Http.Json;

namespace ChatClean.WebApi;

public static class DependencyInjection
{
    public static IServiceCollection AddWebApi(this IServiceCollection services)
    {
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(Application.DependencyInjection)];
            options.PipelineBehaviors = [typeof(ValidationBehavior<,>)];
        });

        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower)));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemCodes.AddCode);
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.AddJwtAuthentication();
        services.AddOpenApi();
        services.AddHealthChecks()
            .AddDbContextCheck<ChatCleanDbContext>("database", tags: ["ready"])
            .AddCheck<EventStoreHealthCheck>("event-store", tags: ["ready"]);

        // After the infrastructure's migrator, so the admin is created in a migrated database.
        services.AddHostedService<BootstrapAdminService>();
        return services;
    }
}

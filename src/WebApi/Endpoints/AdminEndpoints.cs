using ChatClean.Application.Audit;
using ChatClean.Application.Users;
using ChatClean.WebApi.Infrastructure;
using Mediator;

namespace ChatClean.WebApi.Endpoints;

public static class AdminEndpoints
{
    public sealed record CreateUserRequest(string? Username, string? Password, string? DisplayName, string? Role);

    public static RouteGroupBuilder MapAdminEndpoints(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").WithTags("Admin").RequireAuthorization(AuthenticationSetup.Admin);

        admin.MapPost("/users", async (CreateUserRequest request, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            var user = await mediator.Send(
                new CreateUserCommand(http.User.ToCaller(), request.Username, request.Password, request.DisplayName, request.Role), ct);
            return TypedResults.Created($"/api/v1/admin/users/{user.Id}", user);
        });

        admin.MapPost("/audit/verify", async (HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new VerifyEventLogQuery(http.User.ToCaller()), ct)));

        return api;
    }
}

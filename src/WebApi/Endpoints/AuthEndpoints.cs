using ChatClean.Application.Users;

namespace ChatClean.WebApi.Endpoints;

public static class AuthEndpoints
{
    public sealed record RegisterRequest(string? Username, string? Password, string? DisplayName, string? Email, string? Phone);

    public sealed record LoginRequest(string? Username, string? Password);

    public sealed record RefreshRequest(string? RefreshToken);

    public static RouteGroupBuilder MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Auth");

        auth.MapPost("/register", async (RegisterRequest request, IMediator mediator, CancellationToken ct) =>
        {
            var user = await mediator.Send(new RegisterCommand(request.Username, request.Password, request.DisplayName, request.Email, request.Phone), ct);
            return TypedResults.Created("/api/v1/auth/me", user);
        }).AllowAnonymous();

        auth.MapPost("/login", async (LoginRequest request, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new LoginCommand(request.Username, request.Password), ct))).AllowAnonymous().WithLoginRateLimits();

        auth.MapPost("/refresh", async (RefreshRequest request, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new RefreshCommand(request.RefreshToken), ct))).AllowAnonymous();

        auth.MapPost("/logout", async (RefreshRequest request, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new LogoutCommand(request.RefreshToken), ct);
            return TypedResults.NoContent();
        }).AllowAnonymous();

        auth.MapGet("/me", async (HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetMeQuery(http.User.ToCaller()), ct))).RequireAuthorization();

        return api;
    }
}

using ChatClean.Application.Agents;

namespace ChatClean.WebApi.Endpoints;

public static class AgentEndpoints
{
    public static RouteGroupBuilder MapAgentEndpoints(this RouteGroupBuilder api)
    {
        var agent = api.MapGroup("/agent").WithTags("Agents").RequireAuthorization();

        agent.MapGet("/queue", async (HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetQueueQuery(http.User.ToCaller()), ct)));

        agent.MapGet("/presence", async (HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetPresenceQuery(http.User.ToCaller()), ct)));

        return api;
    }
}

using ChatClean.Application.Audit;

namespace ChatClean.WebApi.Endpoints;

/// <summary>The audit API (docs/audit.md): the log as stored, time travel, a search of the log and its verification.</summary>
public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder admin)
    {
        var audit = admin.MapGroup("/audit").WithTags("Admin: audit");
        audit.MapGet("/conversations/{id:guid}/events", async (Guid id, long? after, int? limit, HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetAuditEventsQuery(http.User.ToCaller(), id, after ?? 0, limit ?? 100), ct)));
        audit.MapGet("/conversations/{id:guid}/state", async (Guid id, long? atVersion, DateTimeOffset? atTime, HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetStateAtQuery(http.User.ToCaller(), id, atVersion, atTime), ct)));
        audit.MapGet("/events", async (string? type, Guid? actor, DateTimeOffset? from, DateTimeOffset? to, long? after, int? limit, HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new SearchAuditEventsQuery(http.User.ToCaller(), type, actor, from, to, after ?? 0, limit ?? 100), ct)));
        audit.MapPost("/verify", async (HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new VerifyEventLogQuery(http.User.ToCaller()), ct)));
        return admin;
    }
}

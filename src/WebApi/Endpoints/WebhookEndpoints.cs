using ChatClean.Application.Webhooks;

namespace ChatClean.WebApi.Endpoints;

/// <summary>The webhook admin API (docs/webhooks.md): endpoints, their deliveries and attempts, redelivery and resume.</summary>
public static class WebhookEndpoints
{
    public sealed record RegisterWebhookRequest(string? Url, string? Secret, IReadOnlyList<string>? EventTypes);

    public static RouteGroupBuilder MapWebhookEndpoints(this RouteGroupBuilder admin)
    {
        var webhooks = admin.MapGroup("/webhooks").WithTags("Admin: webhooks");
        webhooks.MapGet("/", async (HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListWebhooksQuery(http.User.ToCaller()), ct)));
        webhooks.MapPost("/", async (RegisterWebhookRequest request, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            var endpoint = await mediator.Send(new RegisterWebhookCommand(http.User.ToCaller(), request.Url, request.Secret, request.EventTypes), ct);
            return TypedResults.Created($"/api/v1/admin/webhooks/{endpoint.Id}", endpoint);
        });
        webhooks.MapDelete("/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new DeleteWebhookCommand(http.User.ToCaller(), id), ct);
            return TypedResults.NoContent();
        });
        webhooks.MapPost("/{id:guid}/resume", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new ResumeWebhookCommand(http.User.ToCaller(), id), ct);
            return TypedResults.NoContent();
        });
        webhooks.MapGet("/{id:guid}/deliveries", async (Guid id, string? status, int? limit, HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListWebhookDeliveriesQuery(http.User.ToCaller(), id, status, limit ?? 100), ct)));
        webhooks.MapGet("/{id:guid}/attempts", async (Guid id, int? limit, HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListWebhookAttemptsQuery(http.User.ToCaller(), id, limit ?? 100), ct)));
        webhooks.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/redeliver", async (Guid id, Guid deliveryId, HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new RedeliverWebhookCommand(http.User.ToCaller(), id, deliveryId), ct)));
        return admin;
    }
}

using ChatClean.Application.Admin;
using ChatClean.Application.Analytics;
using ChatClean.Application.Audit;
using ChatClean.Application.Users;
using ChatClean.Domain.Users;

namespace ChatClean.WebApi.Endpoints;

public static class AdminEndpoints
{
    public sealed record CreateUserRequest(string? Username, string? Password, string? DisplayName, string? Role, string? Email, string? Phone);

    public sealed record ResetPasswordRequest(string? Password);

    public sealed record KnowledgeDocumentRequest(string? Title, string? Content);

    public static RouteGroupBuilder MapAdminEndpoints(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").RequireAuthorization();

        var users = admin.MapGroup("/users").WithTags("Admin: users");
        users.MapGet("/", async (string? role, string? q, string? email, int? page, int? pageSize, HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListUsersQuery(http.User.ToCaller(), role, q, page ?? 1, pageSize ?? 50, email), ct)));
        users.MapPost("/", async (CreateUserRequest request, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            var user = await mediator.Send(
                new CreateUserCommand(http.User.ToCaller(), request.Username, request.Password, request.DisplayName, request.Role, request.Email, request.Phone), ct);
            return TypedResults.Created($"/api/v1/admin/users/{user.Id}", user);
        });
        users.MapPost("/{id:guid}/disable", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new SetUserDisabledCommand(http.User.ToCaller(), id, Disabled: true), ct)));
        users.MapPost("/{id:guid}/enable", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new SetUserDisabledCommand(http.User.ToCaller(), id, Disabled: false), ct)));
        users.MapPost("/{id:guid}/reset-password", async (Guid id, ResetPasswordRequest request, HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ResetPasswordCommand(http.User.ToCaller(), id, request.Password), ct)));

        var customers = admin.MapGroup("/customers").WithTags("Admin: customers");
        customers.MapGet("/", async (string? q, int? page, int? pageSize, HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListUsersQuery(http.User.ToCaller(), UserRoleNames.Customer, q, page ?? 1, pageSize ?? 50), ct)));
        customers.MapGet("/{id:guid}/conversations", async (Guid id, int? limit, HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListCustomerConversationsQuery(http.User.ToCaller(), id, limit ?? 100), ct)));
        customers.MapPost("/{id:guid}/block", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new SetUserDisabledCommand(http.User.ToCaller(), id, Disabled: true, UserRole.Customer), ct)));
        customers.MapPost("/{id:guid}/unblock", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new SetUserDisabledCommand(http.User.ToCaller(), id, Disabled: false, UserRole.Customer), ct)));

        var conversations = admin.MapGroup("/conversations").WithTags("Admin: conversations");
        conversations.MapGet("/", async (
            string? mode, Guid? agentId, Guid? customerId, DateTimeOffset? from, DateTimeOffset? to, string? q, string? cursor, int? limit,
            HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(
                new SearchConversationsQuery(http.User.ToCaller(), mode, agentId, customerId, from, to, q, cursor, limit ?? 50), ct)));
        conversations.MapGet("/{id:guid}", async (Guid id, long? minVersion, HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetConversationDetailQuery(http.User.ToCaller(), id, minVersion), ct)));

        var analytics = admin.MapGroup("/analytics").WithTags("Admin: analytics");
        analytics.MapGet("/summary", async (DateTimeOffset? from, DateTimeOffset? to, HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetAnalyticsSummaryQuery(http.User.ToCaller(), from, to), ct)));
        analytics.MapGet("/timeseries", async (DateTimeOffset? from, DateTimeOffset? to, string? bucket, HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetAnalyticsTimeseriesQuery(http.User.ToCaller(), from, to, bucket), ct)));
        analytics.MapGet("/agents", async (DateTimeOffset? from, DateTimeOffset? to, HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetAgentAnalyticsQuery(http.User.ToCaller(), from, to), ct)));
        analytics.MapGet("/daily", async (DateOnly? from, DateOnly? to, HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetDailyStatsQuery(http.User.ToCaller(), from, to), ct)));

        var knowledge = admin.MapGroup("/knowledge").WithTags("Admin: knowledge base");
        knowledge.MapGet("/documents", async (HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListKnowledgeDocumentsQuery(http.User.ToCaller()), ct)));
        knowledge.MapPost("/documents", async (KnowledgeDocumentRequest request, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            var document = await mediator.Send(new AddKnowledgeDocumentCommand(http.User.ToCaller(), request.Title, request.Content), ct);
            return TypedResults.Created($"/api/v1/admin/knowledge/documents/{document.Id}", document);
        });
        knowledge.MapGet("/documents/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetKnowledgeDocumentQuery(http.User.ToCaller(), id), ct)));
        knowledge.MapPut("/documents/{id:guid}", async (Guid id, KnowledgeDocumentRequest request, HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new UpdateKnowledgeDocumentCommand(http.User.ToCaller(), id, request.Title, request.Content), ct)));
        knowledge.MapDelete("/documents/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new DeleteKnowledgeDocumentCommand(http.User.ToCaller(), id), ct);
            return TypedResults.NoContent();
        });
        knowledge.MapGet("/search", async (string? q, int? limit, HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new SearchKnowledgeQuery(http.User.ToCaller(), q, limit ?? 5), ct)));

        admin.MapPost("/read-models/rebuild", async (HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new RebuildReadModelsCommand(http.User.ToCaller()), ct);
            return TypedResults.Accepted("/api/v1/admin/conversations");
        }).WithTags("Admin: operations");

        admin.MapAuditEndpoints();
        admin.MapWebhookEndpoints();
        return api;
    }
}

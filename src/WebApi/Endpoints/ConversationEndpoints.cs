using Microsoft.AspNetCore.Mvc;

namespace ChatClean.WebApi.Endpoints;

public static class ConversationEndpoints
{
    public sealed record StartConversationRequest(Guid? ConversationId, string? Subject);

    public sealed record PostMessageRequest(string? Body, string? ClientMessageId);

    public sealed record TransferRequest(Guid? ToAgentId);

    public sealed record FeedbackRequest(int? Rating, string? Comment);

    public static RouteGroupBuilder MapConversationEndpoints(this RouteGroupBuilder api)
    {
        var conversations = api.MapGroup("/conversations").WithTags("Conversations").RequireAuthorization();

        conversations.MapPost("/", async (
            [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] StartConversationRequest? request,
            HttpContext http,
            IMediator mediator,
            CancellationToken ct) =>
        {
            var view = await mediator.Send(new StartConversationCommand(http.User.ToCaller(), request?.ConversationId, request?.Subject), ct);
            return TypedResults.Created($"/api/v1/conversations/{view.Id}", view);
        });

        conversations.MapGet("/", async (int? limit, HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListMyConversationsQuery(http.User.ToCaller(), limit ?? 50), ct)));

        conversations.MapGet("/{id:guid}", async (Guid id, long? minVersion, HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetConversationQuery(http.User.ToCaller(), id, minVersion), ct)));

        conversations.MapGet("/{id:guid}/queue", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetQueuePositionQuery(http.User.ToCaller(), id), ct)));

        conversations.MapGet("/{id:guid}/messages", async (Guid id, long? afterSeq, int? limit, long? minVersion, HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListMessagesQuery(http.User.ToCaller(), id, afterSeq ?? 0, limit ?? 100, minVersion), ct)));

        conversations.MapPost("/{id:guid}/messages", async Task<IResult> (Guid id, PostMessageRequest request, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            var posted = await mediator.Send(new PostMessageCommand(http.User.ToCaller(), id, request.Body, request.ClientMessageId), ct);
            return posted.Duplicate
                ? TypedResults.Ok(posted)
                : TypedResults.Created($"/api/v1/conversations/{id}/messages?afterSeq={posted.Message.Seq - 1}&limit=1", posted);
        });

        MapChange(conversations, "/human-request", (caller, id) => new RequestHumanCommand(caller, id));
        MapChange(conversations, "/cancel-human-request", (caller, id) => new CancelHumanRequestCommand(caller, id));
        MapChange(conversations, "/takeover", (caller, id) => new TakeOverCommand(caller, id));
        MapChange(conversations, "/release", (caller, id) => new ReleaseCommand(caller, id));
        MapChange(conversations, "/close", (caller, id) => new CloseCommand(caller, id));

        conversations.MapPost("/{id:guid}/transfer", async (Guid id, TransferRequest request, HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new TransferCommand(http.User.ToCaller(), id, request.ToAgentId), ct)));

        conversations.MapPost("/{id:guid}/feedback", async (Guid id, FeedbackRequest request, HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GiveFeedbackCommand(http.User.ToCaller(), id, request.Rating, request.Comment), ct)));

        return api;
    }

    /// <summary>A body-less state change: <c>POST /conversations/{id}/{action}</c> answering the new mode and version.</summary>
    private static RouteHandlerBuilder MapChange(
        RouteGroupBuilder group, string action, Func<Caller, Guid, ICommand<ConversationChanged>> command) =>
        group.MapPost("/{id:guid}" + action, async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(command(http.User.ToCaller(), id), ct)));
}

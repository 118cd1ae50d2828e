using ChatClean.Application.Abstractions.Webhooks;

namespace ChatClean.Application.Webhooks;

[RequiresPermission(Permissions.WebhooksManage)]
public sealed record RegisterWebhookCommand(Caller Caller, string? Url, string? Secret, IReadOnlyList<string>? EventTypes)
    : ICallerRequest, ICommand<WebhookEndpointView>;

[RequiresPermission(Permissions.WebhooksManage)]
public sealed record DeleteWebhookCommand(Caller Caller, Guid Id) : ICallerRequest, ICommand<bool>;

[RequiresPermission(Permissions.WebhooksManage)]
public sealed record ResumeWebhookCommand(Caller Caller, Guid Id) : ICallerRequest, ICommand<bool>;

[RequiresPermission(Permissions.WebhooksManage)]
public sealed record RedeliverWebhookCommand(Caller Caller, Guid EndpointId, Guid DeliveryId) : ICallerRequest, ICommand<WebhookDeliveryView>;

[RequiresPermission(Permissions.WebhooksManage)]
public sealed record ListWebhooksQuery(Caller Caller) : ICallerRequest, IQuery<IReadOnlyList<WebhookEndpointView>>;

[RequiresPermission(Permissions.WebhooksManage)]
public sealed record ListWebhookDeliveriesQuery(Caller Caller, Guid EndpointId, string? Status, int Limit)
    : ICallerRequest, IQuery<IReadOnlyList<WebhookDeliveryView>>;

[RequiresPermission(Permissions.WebhooksManage)]
public sealed record ListWebhookAttemptsQuery(Caller Caller, Guid EndpointId, int Limit) : ICallerRequest, IQuery<IReadOnlyList<WebhookAttemptView>>;

public static class WebhookDeliveryStatus
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}

public sealed class RegisterWebhookValidator : AbstractValidator<RegisterWebhookCommand>
{
    public RegisterWebhookValidator()
    {
        RuleFor(c => c.Url).NotEmpty().MaximumLength(2000)
            .Must(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https").WithMessage("Url must be an absolute http(s) address.");
        RuleFor(c => c.Secret).NotEmpty().MinimumLength(16).MaximumLength(200);
        RuleFor(c => c.EventTypes).NotEmpty();
        RuleForEach(c => c.EventTypes).Must(t => WebhookEventTypes.All.Contains(t)).WithMessage("Unknown event type '{PropertyValue}'.");
    }
}

public sealed class ListWebhookDeliveriesValidator : AbstractValidator<ListWebhookDeliveriesQuery>
{
    public ListWebhookDeliveriesValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, 500);
        RuleFor(q => q.Status).Must(s => s is null or WebhookDeliveryStatus.Pending or WebhookDeliveryStatus.Delivered or WebhookDeliveryStatus.Failed);
    }
}

public sealed class ListWebhookAttemptsValidator : AbstractValidator<ListWebhookAttemptsQuery>
{
    public ListWebhookAttemptsValidator() => RuleFor(q => q.Limit).InclusiveBetween(1, 500);
}

public sealed class WebhookHandlers(IWebhookStore store, TimeProvider clock) :
    ICommandHandler<RegisterWebhookCommand, WebhookEndpointView>,
    ICommandHandler<DeleteWebhookCommand, bool>,
    ICommandHandler<ResumeWebhookCommand, bool>,
    ICommandHandler<RedeliverWebhookCommand, WebhookDeliveryView>,
    IQueryHandler<ListWebhooksQuery, IReadOnlyList<WebhookEndpointView>>,
    IQueryHandler<ListWebhookDeliveriesQuery, IReadOnlyList<WebhookDeliveryView>>,
    IQueryHandler<ListWebhookAttemptsQuery, IReadOnlyList<WebhookAttemptView>>
{
    public async ValueTask<WebhookEndpointView> Handle(RegisterWebhookCommand command, CancellationToken cancellationToken) =>
        await store.AddEndpointAsync(command.Url!.Trim(), command.Secret!, command.EventTypes!.Distinct().ToArray(), clock.GetUtcNow(), cancellationToken);

    public async ValueTask<bool> Handle(DeleteWebhookCommand command, CancellationToken cancellationToken) =>
        await store.DeleteEndpointAsync(command.Id, cancellationToken) ? true : throw NotFound();

    public async ValueTask<bool> Handle(ResumeWebhookCommand command, CancellationToken cancellationToken) =>
        await store.ResumeAsync(command.Id, clock.GetUtcNow(), cancellationToken) ? true : throw NotFound();

    public async ValueTask<WebhookDeliveryView> Handle(RedeliverWebhookCommand command, CancellationToken cancellationToken) =>
        await store.RedeliverAsync(command.EndpointId, command.DeliveryId, clock.GetUtcNow(), cancellationToken)
        ?? throw new NotFoundException("webhooks.delivery_not_found", "No such delivery for this endpoint.");

    public async ValueTask<IReadOnlyList<WebhookEndpointView>> Handle(ListWebhooksQuery query, CancellationToken cancellationToken) =>
        await store.ListEndpointsAsync(cancellationToken);

    public async ValueTask<IReadOnlyList<WebhookDeliveryView>> Handle(ListWebhookDeliveriesQuery query, CancellationToken cancellationToken) =>
        await store.ListDeliveriesAsync(query.EndpointId, query.Status, query.Limit, cancellationToken);

    public async ValueTask<IReadOnlyList<WebhookAttemptView>> Handle(ListWebhookAttemptsQuery query, CancellationToken cancellationToken) =>
        await store.ListAttemptsAsync(query.EndpointId, query.Limit, cancellationToken);

    private static NotFoundException NotFound() => new("webhooks.not_found", "No such webhook endpoint.");
}

namespace ChatClean.Application.Abstractions.Webhooks;

/// <summary>A registered endpoint as admins see it; the secret is never shown.</summary>
public sealed record WebhookEndpointView(
    Guid Id, string Url, IReadOnlyList<string> EventTypes, bool Paused, int ConsecutiveFailures, DateTimeOffset CreatedAt);

/// <summary>One delivery (one event to one endpoint) and where it stands: pending, delivered or failed.</summary>
public sealed record WebhookDeliveryView(
    Guid Id, Guid EndpointId, string Type, Guid ConversationId, long Position, string Status, int Attempts, DateTimeOffset? NextAttemptAt,
    DateTimeOffset CreatedAt);

/// <summary>One attempt to deliver: the HTTP status (null when no answer came), the error, how long it took.</summary>
public sealed record WebhookAttemptView(Guid DeliveryId, DateTimeOffset At, int? StatusCode, string Outcome, string? Error, long DurationMs);

/// <summary>The endpoints, their outbox of deliveries and the attempts made (webhook_endpoints, webhook_deliveries, webhook_attempts).</summary>
public interface IWebhookStore
{
    Task<WebhookEndpointView> AddEndpointAsync(string url, string secret, IReadOnlyList<string> eventTypes, DateTimeOffset now, CancellationToken cancellationToken);

    Task<IReadOnlyList<WebhookEndpointView>> ListEndpointsAsync(CancellationToken cancellationToken);

    Task<bool> DeleteEndpointAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Unpauses the endpoint; its pending deliveries are due at once. False when there is no such endpoint.</summary>
    Task<bool> ResumeAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The endpoint's latest deliveries, newest first, optionally of one status.</summary>
    Task<IReadOnlyList<WebhookDeliveryView>> ListDeliveriesAsync(Guid endpointId, string? status, int limit, CancellationToken cancellationToken);

    Task<IReadOnlyList<WebhookAttemptView>> ListAttemptsAsync(Guid endpointId, int limit, CancellationToken cancellationToken);

    /// <summary>Makes a delivery pending again, due now, with a fresh attempt count; null when there is no such delivery.</summary>
    Task<WebhookDeliveryView?> RedeliverAsync(Guid endpointId, Guid deliveryId, DateTimeOffset now, CancellationToken cancellationToken);
}

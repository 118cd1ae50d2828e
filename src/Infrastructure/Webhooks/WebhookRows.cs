namespace ChatClean.Infrastructure.Webhooks;

/// <summary>A registered endpoint (<c>webhook_endpoints</c>); the secret is stored through the field cipher. Times are UTC.</summary>
public sealed class WebhookEndpointRow
{
    public Guid Id { get; set; }

    public required string Url { get; set; }

    public required string Secret { get; set; }

    /// <summary>The subscribed event types, comma separated.</summary>
    public required string EventTypes { get; set; }

    public bool Paused { get; set; }

    public int ConsecutiveFailures { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// The outbox (<c>webhook_deliveries</c>): one row per (endpoint, event), written with the webhook subscription's
/// checkpoint. The id is derived from the endpoint and the event (<see cref="WebhookDeliveryId"/>), so a replay
/// writes nothing twice. <see cref="LeaseUntil"/> is the claim of the node sending it.
/// </summary>
public sealed class WebhookDeliveryRow
{
    public Guid Id { get; set; }

    public Guid EndpointId { get; set; }

    public Guid ConversationId { get; set; }

    public long Position { get; set; }

    public required string Type { get; set; }

    /// <summary>The JSON body, fixed when the row is written: every attempt sends (and signs) the same bytes.</summary>
    public required string Body { get; set; }

    public required string Status { get; set; }

    public int Attempts { get; set; }

    public DateTime NextAttemptAt { get; set; }

    public DateTime LeaseUntil { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>One attempt to deliver (<c>webhook_attempts</c>).</summary>
public sealed class WebhookAttemptRow
{
    public long Id { get; set; }

    public Guid DeliveryId { get; set; }

    public Guid EndpointId { get; set; }

    public DateTime At { get; set; }

    public int? StatusCode { get; set; }

    public required string Outcome { get; set; }

    public string? Error { get; set; }

    public long DurationMs { get; set; }
}

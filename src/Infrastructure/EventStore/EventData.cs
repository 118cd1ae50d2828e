namespace ChatClean.Infrastructure.EventStore;

/// <summary>An event as the store writes it: its id (the idempotency key within the stream), wire type name, JSON payload and metadata.</summary>
public sealed record EventData(Guid EventId, string Type, string Data, string? Metadata = null);

namespace ChatClean.Application.Abstractions.EventStore;

/// <summary>An event to append: its id (the idempotency key within the stream), the event and its metadata.</summary>
public sealed record EventToAppend(Guid EventId, IConversationEvent Event, EventMetadata Metadata);

namespace ChatClean.Application.Abstractions.EventStore;

/// <summary>The outcome of an append: the stream's new revision and the stored events (the originals when the append was a retry).</summary>
public sealed record AppendResult(long StreamRevision, long LastPosition, IReadOnlyList<StoredEvent<IConversationEvent>> Events, bool WasDuplicate);

namespace ChatClean.Application.Abstractions.EventStore;

/// <summary>
/// Who and what caused an event, stored beside it (and covered by the hash chain): the actor, the trace of the
/// request or job that appended it, and the ids that tie a chain of reactions together. Every field is optional;
/// events written before metadata existed have none.
/// </summary>
public sealed record EventMetadata(
    ActorKind? ActorKind = null,
    Guid? ActorId = null,
    string? TraceId = null,
    Guid? CorrelationId = null,
    Guid? CausationId = null)
{
    public static EventMetadata None { get; } = new();

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsEmpty => this == None;

    /// <summary>The metadata of a write by <paramref name="actor"/> within the current trace, if there is one.</summary>
    public static EventMetadata Of(Actor actor) =>
        new(actor.Kind, actor.UserId?.Value, System.Diagnostics.Activity.Current?.TraceId.ToString());
}

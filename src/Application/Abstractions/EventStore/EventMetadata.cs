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
    Guid? CausationId = null,
    string? SpanId = null)
{
    public static EventMetadata None { get; } = new();

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsEmpty => this == None;

    /// <summary>
    /// The metadata of a write by <paramref name="actor"/> within the current trace, if there is one: its trace id and
    /// the span that appended, so whatever follows the event (its projection, the AI reply it asks for) joins that trace.
    /// </summary>
    public static EventMetadata Of(Actor actor) => System.Diagnostics.Activity.Current is { } activity
        ? new(actor.Kind, actor.UserId?.Value, activity.TraceId.ToString(), SpanId: activity.SpanId.ToString())
        : new(actor.Kind, actor.UserId?.Value);
}

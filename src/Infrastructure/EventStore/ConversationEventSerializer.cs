using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChatClean.Domain.Common;

namespace ChatClean.Infrastructure.EventStore;

/// <summary>
/// The stored form of conversation events: the wire name each event class declares (<see cref="EventTypeAttribute"/>),
/// its JSON payload (camelCase, snake_case enum values) and the metadata beside it.
/// </summary>
public static class ConversationEventSerializer
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = ConversationEventJsonContext.Default,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private static readonly JsonSerializerOptions MetadataOptions = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = ConversationEventJsonContext.Default,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Every conversation event class by its wire name, read from the attributes of the domain's event types.</summary>
    public static FrozenDictionary<string, Type> ByWireName { get; } = typeof(IConversationEvent).Assembly.GetTypes()
        .Where(t => typeof(IConversationEvent).IsAssignableFrom(t) && !t.IsInterface && !t.IsAbstract)
        .ToFrozenDictionary(
            EventTypeAttribute.NameOf,
            StringComparer.Ordinal);

    private static readonly FrozenDictionary<Type, string> WireNames = ByWireName.ToFrozenDictionary(p => p.Value, p => p.Key);

    public static string WireNameOf(IConversationEvent @event) => WireNames[@event.GetType()];

    public static EventData ToEventData(EventToAppend append) => new(
        append.EventId,
        WireNameOf(append.Event),
        JsonSerializer.Serialize(append.Event, append.Event.GetType(), Options),
        append.Metadata.IsEmpty ? null : JsonSerializer.Serialize(append.Metadata, MetadataOptions));

    public static StoredEvent<IConversationEvent> ToStored(RecordedEvent recorded)
    {
        if (!ByWireName.TryGetValue(recorded.Type, out var type))
        {
            throw new InvalidOperationException($"Event {recorded.Position} has the unknown type '{recorded.Type}'.");
        }

        var @event = (IConversationEvent)(JsonSerializer.Deserialize(recorded.Data, type, Options)
            ?? throw new InvalidOperationException($"Event {recorded.Position} has an empty payload."));
        return new StoredEvent<IConversationEvent>(@event, recorded.EventId, recorded.StreamId, recorded.Revision, recorded.Position, recorded.CreatedAt, ReadMetadata(recorded.Metadata));
    }

    public static EventMetadata ReadMetadata(string? json) =>
        json is { Length: > 0 } ? JsonSerializer.Deserialize<EventMetadata>(json, MetadataOptions) ?? EventMetadata.None : EventMetadata.None;

    /// <summary>The text an actor's id takes inside stored metadata (<c>"actorId":"…"</c>), to search for it.</summary>
    public static string ActorIdFragment(Guid actorId) => $"\"{JsonNamingPolicy.CamelCase.ConvertName(nameof(EventMetadata.ActorId))}\":\"{actorId:D}\"";
}

[JsonSerializable(typeof(ConversationStarted))]
[JsonSerializable(typeof(MessagePosted))]
[JsonSerializable(typeof(HumanRequested))]
[JsonSerializable(typeof(HumanRequestCancelled))]
[JsonSerializable(typeof(AgentTookOver))]
[JsonSerializable(typeof(TimedOutToAi))]
[JsonSerializable(typeof(ConversationReleased))]
[JsonSerializable(typeof(AgentTransferred))]
[JsonSerializable(typeof(ConversationClosed))]
[JsonSerializable(typeof(FeedbackGiven))]
[JsonSerializable(typeof(PersonalDataErased))]
[JsonSerializable(typeof(EventMetadata))]
internal sealed partial class ConversationEventJsonContext : JsonSerializerContext;

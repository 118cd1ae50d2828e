using System.Text.Json;
using System.Text.Json.Serialization;
using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Domain.Conversations;

namespace ChatClean.Application.Conversations;

/// <summary>Turns conversation events into their stored JSON form and back, by wire name.</summary>
public static class ConversationEventSerializer
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = ConversationEventJsonContext.Default,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static EventData ToEventData(IConversationEvent @event, Guid eventId) =>
        new(eventId, ConversationEventTypes.WireNameOf(@event), JsonSerializer.Serialize(@event, @event.GetType(), Options));

    public static IConversationEvent Deserialize(RecordedEvent recorded)
    {
        if (!ConversationEventTypes.ByWireName.TryGetValue(recorded.Type, out var type))
        {
            throw new InvalidOperationException($"Event {recorded.Position} has the unknown type '{recorded.Type}'.");
        }

        return (IConversationEvent)(JsonSerializer.Deserialize(recorded.Data, type, Options)
            ?? throw new InvalidOperationException($"Event {recorded.Position} has an empty payload."));
    }

    public static bool IsConversationEvent(RecordedEvent recorded) => ConversationEventTypes.ByWireName.ContainsKey(recorded.Type);
}

[JsonSerializable(typeof(ConversationStarted))]
[JsonSerializable(typeof(MessagePosted))]
[JsonSerializable(typeof(HumanRequested))]
[JsonSerializable(typeof(HumanRequestCancelled))]
[JsonSerializable(typeof(AgentTookOver))]
[JsonSerializable(typeof(TimedOutToAI))]
[JsonSerializable(typeof(HumanSessionEnded))]
[JsonSerializable(typeof(AgentTransferred))]
[JsonSerializable(typeof(ConversationClosed))]
[JsonSerializable(typeof(FeedbackGiven))]
internal sealed partial class ConversationEventJsonContext : JsonSerializerContext;

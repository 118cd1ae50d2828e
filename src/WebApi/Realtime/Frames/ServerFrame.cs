using System.Text.Json;
using System.Text.Json.Serialization;
using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Domain.Common;
using ChatClean.Domain.Conversations;

namespace ChatClean.WebApi.Realtime;

/// <summary>
/// A frame for a client, serialized once and shared by every connection that receives it. Frames about a
/// conversation carry its id and seq, which connections use to drop duplicates.
/// </summary>
public sealed record ServerFrame(string Type, Guid? ConversationId, long? Seq, ReadOnlyMemory<byte> Utf8)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static ServerFrame Create(string type, object payload, Guid? conversationId = null, long? seq = null)
    {
        var node = JsonSerializer.SerializeToNode(payload, Json)!.AsObject();
        node.Insert(0, "type", type);
        return new ServerFrame(type, conversationId, seq, JsonSerializer.SerializeToUtf8Bytes(node, Json));
    }

    /// <summary>The one <c>error</c> frame: the same code, sentence and field errors a REST client gets as problem details.</summary>
    public static ServerFrame Error(string? reference, TranslatedError error) =>
        Create("error", new { Ref = reference, error.Code, Message = error.Detail, error.Errors });

    /// <summary>The frame an event of a conversation becomes: <c>message</c> or <c>conversation.state</c>.</summary>
    public static ServerFrame ForEvent(StoredEvent<IConversationEvent> stored) => stored.Event switch
    {
        MessagePosted m => Create(
            "message",
            new
            {
                m.ConversationId,
                stored.Seq,
                m.MessageId,
                Sender = new { Kind = m.Sender, Id = m.SenderId },
                m.Body,
                m.ClientMessageId,
                PostedAt = m.At,
            },
            m.ConversationId,
            stored.Seq),
        PersonalDataErased e => Create("conversation.erased", new { e.ConversationId, stored.Seq, e.Events, e.At }, e.ConversationId, stored.Seq),
        var e => State(stored.Seq, e, ConversationSummary.ModeAfter(e)!.Value),
    };

    private static ServerFrame State(long seq, IConversationEvent @event, ConversationMode mode)
    {
        object? detail = @event switch
        {
            HumanRequested e => new { e.Reason, e.Episode },
            HumanRequestCancelled e => new { e.Episode },
            TimedOutToAi e => new { e.Episode },
            AgentTookOver e => new { e.Episode },
            AgentTransferred e => new { e.FromAgentId },
            ConversationClosed e => new { e.ClosedBy },
            FeedbackGiven e => new { e.Rating },
            _ => null,
        };
        var wireName = EventTypeAttribute.UnversionedNameOf(@event.GetType());
        return Create(
            "conversation.state",
            new
            {
                @event.ConversationId,
                Seq = seq,
                Version = seq,
                Mode = mode,
                AgentId = mode == ConversationMode.Human ? ConversationSummary.HolderAfter(@event) : null,
                Event = wireName,
                Detail = detail,
                @event.At,
            },
            @event.ConversationId,
            seq);
    }
}

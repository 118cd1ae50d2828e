using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
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

    public static ServerFrame Error(string? reference, string code, string message) =>
        Create("error", new { Ref = reference, Code = code, Message = message });

    /// <summary>The frame an event of a conversation becomes: <c>message</c> or <c>conversation.state</c>.</summary>
    public static ServerFrame ForEvent(long seq, IConversationEvent @event) => @event switch
    {
        MessagePosted m => Create(
            "message",
            new
            {
                m.ConversationId,
                Seq = seq,
                m.MessageId,
                Sender = new { Kind = m.Sender, Id = m.SenderId },
                m.Body,
                m.ClientMessageId,
                PostedAt = m.At,
            },
            m.ConversationId,
            seq),
        _ => State(seq, @event),
    };

    private static ServerFrame State(long seq, IConversationEvent @event)
    {
        var (mode, agentId, detail) = @event switch
        {
            ConversationStarted => (ConversationMode.Ai, (Guid?)null, (object?)null),
            HumanRequested e => (ConversationMode.Waiting, null, new { e.Reason, e.Episode }),
            HumanRequestCancelled e => (ConversationMode.Ai, null, new { e.Episode }),
            TimedOutToAI e => (ConversationMode.Ai, null, new { e.Episode }),
            AgentTookOver e => (ConversationMode.Human, e.AgentId, new { e.Episode }),
            HumanSessionEnded => (ConversationMode.Ai, null, null),
            AgentTransferred e => (ConversationMode.Human, e.ToAgentId, new { e.FromAgentId }),
            ConversationClosed e => (ConversationMode.Closed, null, new { e.ClosedBy }),
            FeedbackGiven e => (ConversationMode.Closed, null, new { e.Rating }),
            _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, null),
        };
        var name = ConversationEventTypes.WireNameOf(@event);
        return Create(
            "conversation.state",
            new
            {
                @event.ConversationId,
                Seq = seq,
                Version = seq,
                Mode = mode,
                AgentId = agentId,
                Event = name[..name.IndexOf('.', StringComparison.Ordinal)],
                Detail = detail,
                At = @event.At,
            },
            @event.ConversationId,
            seq);
    }
}

using ChatClean.Application.Agents;

namespace ChatClean.WebApi.Realtime;

/// <summary>
/// The one <c>ack</c> builder: a frame's request was accepted. Its fields are the REST answer's, flattened, plus
/// <c>ref</c>: <c>conversationId</c> and <c>version</c> for every conversation change, <c>mode</c>, <c>agentId</c> and
/// <c>changed</c> for a state change, <c>seq</c> and <c>duplicate</c> for a message, <c>status</c> for presence.
/// </summary>
public static class Acks
{
    public static ServerFrame For(string? reference, object? result) => ServerFrame.Create("ack", result switch
    {
        // A message's ack is referenced by its client message id, as it always was; by the frame's ref without one.
        PostedMessage posted => new
        {
            Ref = posted.Message.ClientMessageId ?? reference, posted.Message.ConversationId, posted.Message.Seq, posted.Version, posted.Duplicate,
        },
        ConversationChanged changed => new
        {
            Ref = reference, changed.ConversationId, changed.Version, changed.Mode, changed.AgentId, changed.Changed,
        },
        ConversationView view => new { Ref = reference, ConversationId = view.Id, view.Version, view.Mode, view.AgentId, Changed = (bool?)null },
        PresenceSet presence => (object)new { Ref = reference, presence.Status },
        _ => new { Ref = reference },
    });
}

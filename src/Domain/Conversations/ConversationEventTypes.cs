using System.Collections.Frozen;

namespace ChatClean.Domain.Conversations;

/// <summary>
/// The stable wire name of every conversation event. A name never changes once events carry it;
/// an incompatible change gets a new type with the next version (".v2").
/// </summary>
public static class ConversationEventTypes
{
    public static readonly FrozenDictionary<Type, string> WireNames = new Dictionary<Type, string>
    {
        [typeof(ConversationStarted)] = "ConversationStarted.v1",
        [typeof(MessagePosted)] = "MessagePosted.v1",
        [typeof(HumanRequested)] = "HumanRequested.v1",
        [typeof(HumanRequestCancelled)] = "HumanRequestCancelled.v1",
        [typeof(AgentTookOver)] = "AgentTookOver.v1",
        [typeof(TimedOutToAI)] = "TimedOutToAI.v1",
        [typeof(HumanSessionEnded)] = "HumanSessionEnded.v1",
        [typeof(AgentTransferred)] = "AgentTransferred.v1",
        [typeof(ConversationClosed)] = "ConversationClosed.v1",
        [typeof(FeedbackGiven)] = "FeedbackGiven.v1",
    }.ToFrozenDictionary();

    public static readonly FrozenDictionary<string, Type> ByWireName =
        WireNames.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    public static string WireNameOf(IConversationEvent @event) => WireNames[@event.GetType()];
}

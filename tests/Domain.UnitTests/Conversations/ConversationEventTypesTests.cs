using System.Text.RegularExpressions;
using ChatClean.Domain.Common;
using ChatClean.Domain.Conversations;

namespace ChatClean.Domain.UnitTests.Conversations;

public sealed partial class Conversation_event_wire_names
{
    private static readonly Type[] EventTypes = typeof(IConversationEvent).Assembly.GetTypes()
        .Where(t => typeof(IConversationEvent).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false })
        .ToArray();

    [Fact]
    public void Every_event_type_declares_a_unique_versioned_wire_name()
    {
        EventTypes.Length.ShouldBe(11);
        var names = EventTypes.Select(EventTypeAttribute.NameOf).ToArray();
        names.Distinct().Count().ShouldBe(EventTypes.Length);
        names.ShouldAllBe(name => VersionedName().IsMatch(name));
    }

    /// <summary>Classes may be renamed; the names events are stored under may not.</summary>
    [Fact]
    public void The_stored_names_stay_what_the_log_already_holds() =>
        EventTypes.Select(EventTypeAttribute.NameOf).ShouldBe(
        [
            "AgentTookOver.v1", "AgentTransferred.v1", "ConversationClosed.v1", "ConversationStarted.v1", "FeedbackGiven.v1",
            "HumanRequestCancelled.v1", "HumanRequested.v1", "HumanSessionEnded.v1", "MessagePosted.v1", "PersonalDataErased.v1", "TimedOutToAI.v1",
        ],
        ignoreOrder: true);

    [GeneratedRegex(@"^[A-Z][A-Za-z]+\.v[1-9][0-9]*$")]
    private static partial Regex VersionedName();
}

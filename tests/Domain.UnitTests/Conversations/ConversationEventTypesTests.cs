using System.Text.RegularExpressions;
using ChatClean.Domain.Conversations;

namespace ChatClean.Domain.UnitTests.Conversations;

public sealed partial class Conversation_event_wire_names
{
    [Fact]
    public void Every_event_type_has_a_unique_versioned_wire_name()
    {
        var eventTypes = typeof(IConversationEvent).Assembly.GetTypes()
            .Where(t => typeof(IConversationEvent).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false })
            .ToArray();

        eventTypes.Length.ShouldBe(10);
        ConversationEventTypes.WireNames.Keys.ShouldBe(eventTypes, ignoreOrder: true);
        ConversationEventTypes.WireNames.Values.Distinct().Count().ShouldBe(eventTypes.Length);
        ConversationEventTypes.WireNames.Values.ShouldAllBe(name => VersionedName().IsMatch(name));
    }

    [GeneratedRegex(@"^[A-Z][A-Za-z]+\.v[1-9][0-9]*$")]
    private static partial Regex VersionedName();
}

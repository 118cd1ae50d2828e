using System.Net;
using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Domain.Conversations;

namespace ChatClean.WebApi.IntegrationTests;

/// <summary>Conversations for tests: started over REST by a customer, their events read straight from an event store.</summary>
public static class TestConversations
{
    public static async Task<string> StartAsync(TestUser customer)
    {
        var started = await (await customer.Http.PostJsonAsync("/api/v1/conversations", new { subject = "help" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        return started.Str("id");
    }

    /// <summary>Every event of the conversation's stream, in order.</summary>
    public static async Task<IReadOnlyList<IConversationEvent>> EventsAsync(IEventStore store, string id)
    {
        var events = new List<IConversationEvent>();
        await foreach (var stored in store.ReadStreamToEndAsync(new ConversationId(Guid.Parse(id)).StreamName, 1, CancellationToken.None))
        {
            events.Add(stored.Event);
        }

        return events;
    }
}

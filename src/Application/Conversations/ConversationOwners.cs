using System.Collections.Concurrent;
using ChatClean.Application.Abstractions;

namespace ChatClean.Application.Conversations;

/// <summary>
/// Whose conversation it is: the customer of its <c>ConversationStarted</c>, which never changes, so once known it is
/// kept (up to <see cref="Capacity"/> conversations). Read from the stream, not the read models, so a conversation
/// can be used the moment it is started.
/// </summary>
public sealed class ConversationOwners(IEventStore eventStore, IConversationStateCache states)
{
    public const int Capacity = 100_000;

    private readonly ConcurrentDictionary<Guid, Guid> _customers = new();

    /// <summary>The conversation's customer, or null when there is no such conversation.</summary>
    public async ValueTask<Guid?> CustomerOfAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        if (_customers.TryGetValue(conversationId, out var known))
        {
            return known;
        }

        var id = new ConversationId(conversationId);
        Guid? customer = states.Find(id) is { Exists: true } state
            ? state.CustomerId.Value
            : (await eventStore.ReadStreamAsync(id.StreamName, 1, 1, cancellationToken)) is [{ Event: ConversationStarted started }] ? started.CustomerId : null;
        if (customer is { } found)
        {
            if (_customers.Count >= Capacity)
            {
                _customers.Clear();
            }

            _customers[conversationId] = found;
        }

        return customer;
    }
}

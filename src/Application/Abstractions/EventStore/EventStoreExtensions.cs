using System.Runtime.CompilerServices;

namespace ChatClean.Application.Abstractions.EventStore;

public static class EventStoreExtensions
{
    /// <summary>A stream's events from <paramref name="fromRevision"/> to its end, read page by page as they are consumed.</summary>
    public static async IAsyncEnumerable<StoredEvent<IConversationEvent>> ReadStreamToEndAsync(
        this IEventStore eventStore, string streamId, long fromRevision, [EnumeratorCancellation] CancellationToken cancellationToken, int pageSize = 500)
    {
        var from = fromRevision;
        while (true)
        {
            var page = await eventStore.ReadStreamAsync(streamId, from, pageSize, cancellationToken);
            foreach (var stored in page)
            {
                yield return stored;
            }

            if (page.Count < pageSize)
            {
                yield break;
            }

            from = page[^1].Seq + 1;
        }
    }
}

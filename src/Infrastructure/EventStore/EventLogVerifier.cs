namespace ChatClean.Infrastructure.EventStore;

/// <summary>Walks the whole log: positions dense from 1, every hash link recomputed, and the head row agreeing with the last event.</summary>
public sealed class EventLogVerifier(SqlEventStore store) : IEventLogVerifier
{
    private const int PageSize = 1000;

    public async Task<ChainVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        var previous = EventHashing.Genesis;
        long position = 0;
        while (true)
        {
            var page = await store.ReadAllAsync(position, PageSize, cancellationToken);
            foreach (var e in page)
            {
                if (e.Position != position + 1)
                {
                    return new ChainVerification(false, position, position + 1, "gap");
                }

                var expected = EventHashing.Compute(
                    previous, e.Position, e.StreamId, e.Revision, e.EventId, e.Type, EventRows.ToMicroseconds(e.CreatedAt), e.Data, e.Metadata);
                if (!expected.AsSpan().SequenceEqual(e.Hash))
                {
                    return new ChainVerification(false, position, e.Position, "hash_mismatch");
                }

                previous = e.Hash;
                position = e.Position;
            }

            if (page.Count < PageSize)
            {
                break;
            }
        }

        var (headPosition, headHash) = await store.ReadHeadAsync(cancellationToken);
        return headPosition == position && headHash.AsSpan().SequenceEqual(previous)
            ? new ChainVerification(true, position, null, null)
            : new ChainVerification(false, position, position + 1, "head_mismatch");
    }
}

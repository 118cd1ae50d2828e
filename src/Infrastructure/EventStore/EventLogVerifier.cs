using System.Threading.Channels;
using ChatClean.Infrastructure.Audit.Checkpoints;

namespace ChatClean.Infrastructure.EventStore;

/// <summary>
/// Walks the log from a position: positions dense, every hash link recomputed, each stream's revisions dense and its
/// event ids unique (within the part walked), the head row agreeing with the last event, and, when checkpoints are
/// known, every signed checkpoint's signature and hash (so a log rewritten or cut with recomputed hashes is caught).
/// </summary>
public sealed class EventLogVerifier(SqlEventStore store, CheckpointSigner? signer = null, IServiceScopeFactory? scopes = null) : IEventLogVerifier
{
    private const int PageSize = 1000;

    private static readonly string ErasureType = Domain.Common.EventTypeAttribute.NameOf(typeof(PersonalDataErased));

    public async Task<ChainVerification> VerifyAsync(CancellationToken cancellationToken, long fromPosition = 1, IProgress<long>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fromPosition, 1);
        var previous = EventHashing.Genesis;
        long position = fromPosition - 1;
        if (position > 0)
        {
            var before = await store.ReadAllAsync(position - 1, 1, cancellationToken);
            if (before.Count == 0 || before[0].Position != position)
            {
                return new ChainVerification(false, 0, position, "gap");
            }

            previous = before[0].Hash;
        }

        var digestsFrom = await store.ReadPayloadDigestsFromAsync(cancellationToken);
        var checkpoints = await LoadCheckpointsAsync(cancellationToken);
        foreach (var checkpoint in checkpoints.Values)
        {
            if (signer!.Check(checkpoint) is { } bad)
            {
                return new ChainVerification(false, 0, checkpoint.Position, bad);
            }
        }

        // Per stream: a number (so that the event-id set holds no strings) and the last revision seen.
        var streams = new Dictionary<string, (int Number, long Revision)>(StringComparer.Ordinal);
        var eventIds = new HashSet<(Guid EventId, int Stream)>();

        // Per stream: the first erased payload not yet followed by the erasure event that records it.
        var unrecordedErasures = new Dictionary<string, long>(StringComparer.Ordinal);
        long checkedCount = 0;

        // One streaming read in a snapshot, by another thread, while this one hashes: the database and the hashing overlap.
        await using var scan = await EventLogScan.OpenAsync(store, position, cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var batches = Channel.CreateBounded<RecordedEvent[]>(new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
        var reading = Task.Run(
            async () =>
            {
                try
                {
                    await foreach (var batch in scan.ReadAsync(PageSize, stop.Token))
                    {
                        await batches.Writer.WriteAsync(batch, stop.Token);
                    }

                    batches.Writer.Complete();
                }
                catch (Exception e)
                {
                    batches.Writer.Complete(e);
                }
            },
            CancellationToken.None);
        try
        {
            return await WalkAsync();
        }
        finally
        {
            // A break found mid-log stops the read.
            await stop.CancelAsync();
            await reading;
        }

        async Task<ChainVerification> WalkAsync()
        {
            await foreach (var page in batches.Reader.ReadAllAsync(cancellationToken))
            {
                foreach (var e in page)
                {
                    if (e.Position != position + 1)
                    {
                        return new ChainVerification(false, checkedCount, position + 1, "gap");
                    }

                    var expected = EventHashing.Compute(
                        previous, e.Position, e.StreamId, e.Revision, e.EventId, e.Type, EventRows.ToMicroseconds(e.CreatedAt), e.Data, e.Metadata, e.Position >= digestsFrom);
                    if (!expected.AsSpan().SequenceEqual(e.Hash))
                    {
                        return new ChainVerification(false, checkedCount, e.Position, "hash_mismatch");
                    }

                    // A stream first met after a --from start may begin at any revision; from position 1 it begins at 1.
                    var known = streams.TryGetValue(e.StreamId, out var stream);
                    if (known ? e.Revision != stream.Revision + 1 : fromPosition == 1 && e.Revision != 1)
                    {
                        return new ChainVerification(false, checkedCount, e.Position, "revision_gap");
                    }

                    var number = known ? stream.Number : streams.Count;
                    if (!eventIds.Add((e.EventId, number)))
                    {
                        return new ChainVerification(false, checkedCount, e.Position, "duplicate_event_id");
                    }

                    if (checkpoints.TryGetValue(e.Position, out var signed) && !signed.Hash.AsSpan().SequenceEqual(e.Hash))
                    {
                        return new ChainVerification(false, checkedCount, e.Position, "checkpoint_mismatch");
                    }

                    if (e.Type == ErasureType)
                    {
                        unrecordedErasures.Remove(e.StreamId);
                    }
                    else if (EventHashing.IsErased(e.Data))
                    {
                        unrecordedErasures.TryAdd(e.StreamId, e.Position);
                    }

                    streams[e.StreamId] = (number, e.Revision);
                    previous = e.Hash;
                    position = e.Position;
                    checkedCount++;
                }

                progress?.Report(position);
            }

            if (scan.HeadPosition != position || !scan.HeadHash.AsSpan().SequenceEqual(previous))
            {
                return new ChainVerification(false, checkedCount, position + 1, "head_mismatch");
            }

            // A checkpoint past the end: events that were signed are gone, even if the chain and the head were redone.
            if (checkpoints.Count > 0 && checkpoints.Keys.Max() > position)
            {
                return new ChainVerification(false, checkedCount, position + 1, "checkpoint_beyond_log");
            }

            // An erased payload keeps its digest, so the chain holds; the erasure must also be on the record.
            return unrecordedErasures.Count > 0
                ? new ChainVerification(false, checkedCount, unrecordedErasures.Values.Min(), "erasure_unrecorded")
                : new ChainVerification(true, checkedCount, null, null) { Checkpoints = checkpoints.Count(c => c.Key >= fromPosition) };
        }
    }

    private async Task<Dictionary<long, CheckpointRow>> LoadCheckpointsAsync(CancellationToken cancellationToken)
    {
        if (signer is null || scopes is null)
        {
            return [];
        }

        await using var scope = scopes.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<ChatCleanDbContext>().Checkpoints.AsNoTracking().ToListAsync(cancellationToken);
        return rows.ToDictionary(c => c.Position);
    }
}

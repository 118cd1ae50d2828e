namespace ChatClean.Infrastructure.EventStore;

/// <summary>
/// What one batch will write, decided in memory: every append of the batch in order either answers its originals (a
/// retry), is refused (a wrong expected revision, a half retry), or gets the next positions and revisions with their
/// hash links chained from the head.
/// </summary>
internal sealed class AppendPlan
{
    private AppendPlan(EventLogBatch.Outcome[] outcomes, List<RecordedEvent> inserts, long headPosition, byte[] headHash, Dictionary<string, long> revisions)
    {
        Outcomes = outcomes;
        Inserts = inserts;
        HeadPosition = headPosition;
        HeadHash = headHash;
        Revisions = revisions;
    }

    public EventLogBatch.Outcome[] Outcomes { get; }

    /// <summary>The accepted events, in position order.</summary>
    public List<RecordedEvent> Inserts { get; }

    /// <summary>The head after the batch.</summary>
    public long HeadPosition { get; }

    public byte[] HeadHash { get; }

    /// <summary>Every stream of the batch at its revision after the batch.</summary>
    public Dictionary<string, long> Revisions { get; }

    /// <param name="revisions">The current revision of every stream of the batch (missing: 0).</param>
    /// <param name="known">The batch's event ids already stored, with their rows.</param>
    public static AppendPlan Decide(
        List<PendingAppend> batch, long headPosition, byte[] headHash, Dictionary<string, long> revisions, Dictionary<(string, Guid), RecordedEvent> known, long nowMicroseconds)
    {
        var createdAt = EventRows.FromMicroseconds(nowMicroseconds);
        var inserts = new List<RecordedEvent>();
        var outcomes = new EventLogBatch.Outcome[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var pending = batch[i];
            var found = pending.Events.Select(e => known.GetValueOrDefault((pending.StreamId, e.EventId))).ToArray();
            if (found.All(f => f is not null))
            {
                var originals = found.Select(f => f!).ToArray();
                outcomes[i] = EventLogBatch.Outcome.Success(new RawAppendResult(originals[^1].Revision, originals[^1].Position, originals, WasDuplicate: true));
                continue;
            }

            if (found.Any(f => f is not null))
            {
                outcomes[i] = EventLogBatch.Outcome.Failure(new IdempotencyConflictException(pending.StreamId));
                continue;
            }

            var revision = revisions.GetValueOrDefault(pending.StreamId);
            if (!pending.Expected.IsSatisfiedBy(revision))
            {
                outcomes[i] = EventLogBatch.Outcome.Failure(new WrongExpectedRevisionException(pending.StreamId, pending.Expected, revision));
                continue;
            }

            var recorded = new RecordedEvent[pending.Events.Count];
            for (var j = 0; j < pending.Events.Count; j++)
            {
                var e = pending.Events[j];
                headPosition++;
                revision++;
                headHash = EventHashing.Compute(headHash, headPosition, pending.StreamId, revision, e.EventId, e.Type, nowMicroseconds, e.Data, e.Metadata);
                recorded[j] = new RecordedEvent(headPosition, pending.StreamId, revision, e.EventId, e.Type, e.Data, e.Metadata, createdAt, headHash);
                known[(pending.StreamId, e.EventId)] = recorded[j];
            }

            revisions[pending.StreamId] = revision;
            inserts.AddRange(recorded);
            outcomes[i] = EventLogBatch.Outcome.Success(new RawAppendResult(revision, headPosition, recorded, WasDuplicate: false));
        }

        return new AppendPlan(outcomes, inserts, headPosition, headHash, revisions);
    }
}

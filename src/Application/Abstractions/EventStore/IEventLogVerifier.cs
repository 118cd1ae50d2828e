namespace ChatClean.Application.Abstractions.EventStore;

/// <summary>
/// Walks the global log and checks that positions run 1, 2, … without a hole, every hash link, every stream's
/// revisions run 1, 2, … and no stream holds an event id twice, and that the head row agrees with the last event.
/// </summary>
public interface IEventLogVerifier
{
    /// <param name="fromPosition">Where to start (1: the whole log); the hash link into it is taken from the event before.</param>
    /// <param name="progress">Told the position reached after each page.</param>
    Task<ChainVerification> VerifyAsync(CancellationToken cancellationToken, long fromPosition = 1, IProgress<long>? progress = null);
}

/// <summary>
/// The verdict on the log: intact, or the first position where it breaks and why
/// (<c>gap</c>, <c>hash_mismatch</c>, <c>revision_gap</c>, <c>duplicate_event_id</c>, <c>head_mismatch</c>,
/// <c>checkpoint_signature</c>, <c>checkpoint_unknown_key</c>, <c>checkpoint_mismatch</c>, <c>checkpoint_beyond_log</c>).
/// </summary>
public sealed record ChainVerification(bool Intact, long EventsChecked, long? FirstBrokenPosition, string? Problem)
{
    /// <summary>How many signed checkpoints in the part walked were checked (signature and hash).</summary>
    public int Checkpoints { get; init; }

    /// <summary>A sentence for people: what is wrong where.</summary>
    public string Describe() => Problem switch
    {
        null => $"intact: {EventsChecked:N0} events and {Checkpoints} signed checkpoints checked",
        "gap" => $"position {FirstBrokenPosition} is missing: positions must run 1, 2, … without a hole (an event was deleted or moved)",
        "hash_mismatch" => $"the event at position {FirstBrokenPosition} does not match its hash link (its content, place or order was changed)",
        "revision_gap" => $"the event at position {FirstBrokenPosition} breaks its stream's revisions 1, 2, …",
        "duplicate_event_id" => $"the event at position {FirstBrokenPosition} repeats an event id of its stream",
        "head_mismatch" => $"the log ends at position {FirstBrokenPosition - 1} but its head row says otherwise (events at the end were removed or added)",
        "checkpoint_signature" => $"the signed checkpoint at position {FirstBrokenPosition} does not match its signature (it was forged or edited)",
        "checkpoint_unknown_key" => $"the checkpoint at position {FirstBrokenPosition} names a key this verifier does not know (configure Audit:Checkpoints:PublicKeys)",
        "checkpoint_mismatch" => $"the event at position {FirstBrokenPosition} is not the one the signed checkpoint there recorded (the log was rewritten, hashes recomputed)",
        "checkpoint_beyond_log" => $"the log ends at position {FirstBrokenPosition - 1} but a signed checkpoint lies further (events at the end were removed)",
        "erasure_unrecorded" => $"the payload at position {FirstBrokenPosition} was erased but no erasure event of its conversation follows it (erased outside erase-customer, or the erasure stopped half-way: run it again)",
        _ => $"{Problem} at position {FirstBrokenPosition}",
    };
}

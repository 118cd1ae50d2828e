namespace ChatClean.Infrastructure.Persistence;

/// <summary>A signed checkpoint of the log (<c>es_checkpoints</c>): the hash at a position, when, by which key (docs/audit.md).</summary>
public sealed class CheckpointRow
{
    public long Position { get; set; }

    public required byte[] Hash { get; set; }

    /// <summary>Microseconds since the Unix epoch, as <c>es_events.created_at</c>.</summary>
    public long RecordedAt { get; set; }

    public required string KeyId { get; set; }

    /// <summary>ECDSA P-256 over <see cref="Audit.Checkpoints.CheckpointSigner.Payload"/>, IEEE P1363 (64 bytes).</summary>
    public required byte[] Signature { get; set; }
}

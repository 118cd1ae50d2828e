namespace ChatClean.Infrastructure.Persistence;

/// <summary>How far a projection has read the event log; written in the same transaction as its read-model changes.</summary>
public sealed class ProjectionCheckpointRecord
{
    public required string Name { get; set; }

    public long Position { get; set; }
}

namespace ChatClean.Infrastructure.Persistence;

/// <summary>The single row <c>es_log_head</c> (id 1): the last position and hash; appends lock it.</summary>
public sealed class LogHeadRow
{
    public int Id { get; set; }

    public long LastPosition { get; set; }

    public required byte[] LastHash { get; set; }
}

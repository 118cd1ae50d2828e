namespace ChatClean.Infrastructure.Persistence;

/// <summary>The single row <c>es_log_head</c> (id 1): the last position and hash; appends lock it.</summary>
public sealed class LogHeadRow
{
    public int Id { get; set; }

    public long LastPosition { get; set; }

    public required byte[] LastHash { get; set; }

    /// <summary>The first position whose hash covers its payload's digest; earlier ones (a log older than digests) hash the payload itself.</summary>
    public long PayloadDigestsFrom { get; set; } = 1;
}

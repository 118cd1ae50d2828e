using ChatClean.Application.Abstractions.EventStore;

namespace ChatClean.Infrastructure.EventStore;

/// <summary>
/// What the writer knows from its own last commits: the log head and the revisions of the streams it wrote or read
/// lately. It lets a batch be written in one round trip (<see cref="EventLogFastPath"/>) when nothing needs reading:
/// the database's keys still check every assumption (the head row, dense positions, one event per stream revision and
/// per event id), and a batch whose assumption was wrong is rolled back and written the careful way.
/// </summary>
internal sealed class WriterMemory
{
    private const int MaxStreams = 100_000;
    private readonly Dictionary<string, long> _revisions = new(StringComparer.Ordinal);

    public (long Position, byte[] Hash)? Head { get; private set; }

    /// <summary>The current revision of every stream of the batch, when each expectation can be judged from memory; null otherwise.</summary>
    public Dictionary<string, long>? RevisionsFor(List<PendingAppend> batch)
    {
        if (Head is null)
        {
            return null;
        }

        var revisions = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var pending in batch)
        {
            if (revisions.ContainsKey(pending.StreamId))
            {
                // Two appends to one stream in a batch: the careful path judges the second on the first's result.
                return null;
            }

            if (pending.Expected == ExpectedRevision.NoStream)
            {
                // A stream that exists already fails on its revision 1.
                revisions[pending.StreamId] = 0;
            }
            else if (pending.Expected.Value >= 0 && _revisions.TryGetValue(pending.StreamId, out var known) && known == pending.Expected.Value)
            {
                // Revisions only grow: if another node wrote since, revision known + 1 exists and the insert fails.
                revisions[pending.StreamId] = known;
            }
            else
            {
                return null;
            }
        }

        return revisions;
    }

    public void Remember(long headPosition, byte[] headHash, Dictionary<string, long> revisions)
    {
        Head = (headPosition, headHash);
        if (_revisions.Count + revisions.Count > MaxStreams)
        {
            _revisions.Clear();
        }

        foreach (var (stream, revision) in revisions)
        {
            _revisions[stream] = revision;
        }
    }

    public void Forget()
    {
        Head = null;
        _revisions.Clear();
    }
}

namespace ChatClean.Infrastructure.EventStore;

/// <summary>
/// The newest events of the log as this node last read them. Every consumer that follows the log live (the
/// real-time feed, the timeout and AI-reply reactors, the read models once caught up) asks for the same pages right
/// after the same commit; the first read fills this, and the others are answered from memory, already deserialized,
/// instead of each reading and parsing the same rows again. Positions are dense and committed in order (the head row
/// serializes writers), so a contiguous run of positions read once never changes; a consumer behind the run (a
/// catch-up, a rebuild) reads the store.
/// </summary>
public sealed class RecentEvents(int capacity = RecentEvents.DefaultCapacity)
{
    public const int DefaultCapacity = 8192;

    private readonly StoredEvent<IConversationEvent>[] _ring = new StoredEvent<IConversationEvent>[capacity];
    private readonly Lock _lock = new();
    private long _first = 1; // the oldest position held
    private long _last;      // the newest position held; 0 = none

    /// <summary>Whether a read after <paramref name="after"/> asks for the log's tail (what comes after the held run, or the whole log when nothing is held yet).</summary>
    public bool IsTail(long after)
    {
        lock (_lock)
        {
            return after >= _last;
        }
    }

    /// <summary>The events after <paramref name="after"/> (at most <paramref name="max"/>), if they are held; false sends the caller to the store.</summary>
    public bool TryRead(long after, int max, out StoredEvent<IConversationEvent>[] page)
    {
        lock (_lock)
        {
            if (_last == 0 || after < _first - 1 || after >= _last)
            {
                page = [];
                return false;
            }

            var count = (int)Math.Min(max, _last - after);
            page = new StoredEvent<IConversationEvent>[count];
            for (var i = 0; i < count; i++)
            {
                page[i] = _ring[Slot(after + 1 + i)];
            }

            return true;
        }
    }

    /// <summary>Keeps a page just read from the store: appended when it continues the held run, else it starts a new one.</summary>
    public void Add(IReadOnlyList<StoredEvent<IConversationEvent>> page)
    {
        if (page.Count == 0)
        {
            return;
        }

        lock (_lock)
        {
            var firstNew = page[0].Position;
            if (_last == 0 || firstNew > _last + 1 || page[^1].Position < _first)
            {
                // Not touching what is held: this page is the newest known run.
                if (page[^1].Position <= _last)
                {
                    return;
                }

                _first = firstNew;
                _last = firstNew - 1;
            }

            foreach (var stored in page)
            {
                if (stored.Position != _last + 1)
                {
                    continue;
                }

                _ring[Slot(stored.Position)] = stored;
                _last = stored.Position;
                if (_last - _first + 1 > _ring.Length)
                {
                    _first = _last - _ring.Length + 1;
                }
            }
        }
    }

    /// <summary>Drops the personal texts of the conversation's held events before <paramref name="before"/> (it was erased: docs/audit.md).</summary>
    public void Erase(Guid conversationId, long before)
    {
        lock (_lock)
        {
            for (var position = _first; _last > 0 && position <= _last && position < before; position++)
            {
                var held = _ring[Slot(position)];
                if (held.Event.ConversationId == conversationId && PersonalData.IsIn(held.Event))
                {
                    _ring[Slot(position)] = held with { Event = PersonalData.Without(held.Event) };
                }
            }
        }
    }

    private int Slot(long position) => (int)(position % _ring.Length);
}

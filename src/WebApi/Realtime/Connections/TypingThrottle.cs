namespace ChatClean.WebApi.Realtime;

/// <summary>At most one typing notice per conversation per interval from one connection.</summary>
public sealed class TypingThrottle
{
    private readonly Dictionary<Guid, DateTimeOffset> _last = [];
    private readonly Lock _lock = new();

    public bool Allows(Guid conversationId, DateTimeOffset now, TimeSpan interval)
    {
        lock (_lock)
        {
            if (_last.TryGetValue(conversationId, out var last) && now - last < interval)
            {
                return false;
            }

            _last[conversationId] = now;
            return true;
        }
    }
}

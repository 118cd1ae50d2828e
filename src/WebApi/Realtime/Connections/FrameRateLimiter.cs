namespace ChatClean.WebApi.Realtime;

/// <summary>The token bucket of one connection's incoming frames: <c>burst</c> at once, then <c>perSecond</c>.</summary>
public sealed class FrameRateLimiter
{
    private readonly Lock _lock = new();
    private double _tokens;
    private long _stamp;

    public bool TryTake(long timestamp, long frequency, double perSecond, int burst)
    {
        lock (_lock)
        {
            _tokens = _stamp != 0 ? Math.Min(burst, _tokens + ((timestamp - _stamp) * perSecond / frequency)) : burst;
            _stamp = timestamp;
            if (_tokens < 1)
            {
                return false;
            }

            _tokens--;
            return true;
        }
    }
}

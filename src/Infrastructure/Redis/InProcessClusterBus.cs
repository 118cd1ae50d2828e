namespace ChatClean.Infrastructure.Redis;

/// <summary>The embedded default: one node, so a notice is a direct call.</summary>
public sealed class InProcessClusterBus : IClusterBus
{
    private readonly Dictionary<string, List<Action<string>>> _handlers = [];
    private readonly Lock _lock = new();

    public void Publish(string channel, string message)
    {
        Action<string>[] handlers;
        lock (_lock)
        {
            handlers = _handlers.TryGetValue(channel, out var list) ? [.. list] : [];
        }

        foreach (var handler in handlers)
        {
            handler(message);
        }
    }

    public void Subscribe(string channel, Action<string> handler, bool includeOwn = true)
    {
        if (!includeOwn)
        {
            // One node: every notice is its own.
            return;
        }

        lock (_lock)
        {
            if (!_handlers.TryGetValue(channel, out var list))
            {
                _handlers[channel] = list = [];
            }

            list.Add(handler);
        }
    }
}

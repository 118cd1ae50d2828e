using Microsoft.Extensions.Caching.Memory;
using ChatClean.Application.Common;

namespace ChatClean.Infrastructure.Caching;

/// <summary>
/// The write side's states in process memory, bounded by the events they stand for (a state of a long conversation
/// costs more), least recently used out first. Entries are only a head start: see <see cref="IConversationStateCache"/>.
/// </summary>
public sealed class ConversationStateCache(StateCacheOptions options) : IConversationStateCache, IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = options.MaxEvents, CompactionPercentage = 0.2 });
    private readonly Lock _lock = new();

    public ConversationState? Find(ConversationId id) => _cache.TryGetValue(id.Value, out ConversationState? state) ? state : null;

    public void Keep(ConversationState state)
    {
        // Compare and set together: two commands finishing at once must not put the older state back.
        lock (_lock)
        {
            if (Find(state.Id) is { } kept && kept.Version >= state.Version)
            {
                return;
            }

            _cache.Set(state.Id.Value, state, new MemoryCacheEntryOptions { Size = 1 + state.Version, SlidingExpiration = options.KeepFor });
        }
    }

    public void Dispose() => _cache.Dispose();
}

/// <summary>The <c>Conversations:StateCache</c> section: how much of the write side's state a node keeps in memory.</summary>
public sealed class StateCacheOptions
{
    /// <summary>The most events the kept states may stand for, all together (about 150 bytes each).</summary>
    [Positive]
    public long MaxEvents { get; set; } = 1_000_000;

    /// <summary>A state not used for this long is dropped.</summary>
    [Positive]
    public TimeSpan KeepFor { get; set; } = TimeSpan.FromMinutes(30);
}

using ChatClean.Infrastructure.ReadModels;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Hosting;

namespace ChatClean.Infrastructure.Caching;

/// <summary><see cref="IReadCache"/> on HybridCache: L1 in process, L2 in Redis when <c>ConnectionStrings:Redis</c> is set.</summary>
public sealed class HybridReadCache(HybridCache cache) : IReadCache
{
    /// <summary>How long a node may keep a shared entry in memory; shorter than the entry's life, as a bound on staleness if a notice is lost.</summary>
    private static readonly TimeSpan LocalExpiration = TimeSpan.FromMinutes(1);

    public ValueTask<T> GetOrCreateAsync<T>(
        string key,
        Func<CancellationToken, ValueTask<T>> factory,
        TimeSpan expiration,
        IReadOnlyCollection<string> tags,
        CancellationToken cancellationToken,
        bool localOnly = false) =>
        cache.GetOrCreateAsync(
            key,
            factory,
            new HybridCacheEntryOptions
            {
                Expiration = expiration,
                LocalCacheExpiration = localOnly || expiration < LocalExpiration ? expiration : LocalExpiration,
                Flags = localOnly ? HybridCacheEntryFlags.DisableDistributedCache : HybridCacheEntryFlags.None,
            },
            tags,
            cancellationToken);
}

/// <summary>
/// After each read-model commit, drops the cache tags of what changed: the conversations touched and the start
/// days whose analytics windows they belong to. The notice goes to every node, since each keeps its own L1.
/// </summary>
public sealed class CacheInvalidator(HybridCache cache, IClusterBus bus) : IReadModelObserver, IHostedService
{
    private const string Channel = "cache-invalidate";

    public ValueTask OnCommittedAsync(long position, ReadModelChanges changes, CancellationToken cancellationToken)
    {
        var tags = changes.ConversationIds.Select(Application.Abstractions.CacheTags.Conversation)
            .Concat(changes.StartDays.Select(Application.Abstractions.CacheTags.StartDay));
        var message = string.Join('\n', tags);
        if (message.Length > 0)
        {
            bus.Publish(Channel, message);
        }

        return ValueTask.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        bus.Subscribe(Channel, message => _ = cache.RemoveByTagAsync(message.Split('\n')).AsTask());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Microsoft.Extensions.Hosting;

namespace ChatClean.Infrastructure.Ai;

/// <summary>
/// Keeps this node's knowledge index equal to the database: loads every document at start-up, reloads a document
/// when any node says it changed (cluster notice), and every <see cref="SweepInterval"/> picks up whatever changed
/// since the last sweep, in case a notice was lost.
/// </summary>
public sealed partial class KnowledgeIndexSync(
    LuceneKnowledgeIndex index, IServiceScopeFactory scopes, IClusterBus bus, TimeProvider clock, ILogger<KnowledgeIndexSync> logger) : BackgroundService
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(15);

    /// <summary>Changes are read from a little before the last sweep: clocks of different nodes differ.</summary>
    private static readonly TimeSpan Overlap = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The node that made a change reloaded it before telling the others.
        bus.Subscribe(LuceneKnowledgeIndex.NoticeChannel, notice =>
        {
            if (Guid.TryParse(notice, out var id))
            {
                _ = index.ReloadAsync(id, stoppingToken).ContinueWith(
                    t => LogFailure(logger, t.Exception!), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
        }, includeOwn: false);

        // The Chinese segmenter loads its dictionaries on first use (a few hundred milliseconds): not on a customer's time.
        index.Terms("预热 warm-up");
        var since = DateTime.MinValue;

        // The sweep reads back further than its interval (clocks differ): versions it already applied are skipped.
        var applied = new Dictionary<Guid, DateTime>();
        using var timer = new PeriodicTimer(SweepInterval, clock);
        do
        {
            try
            {
                var now = clock.GetUtcNow().UtcDateTime;
                await using var scope = scopes.CreateAsyncScope();
                var changed = (await scope.ServiceProvider.GetRequiredService<EfKnowledgeStore>().ChangedSinceAsync(since, stoppingToken))
                    .Where(d => !applied.TryGetValue(d.Id, out var at) || at != d.UpdatedAt)
                    .ToArray();
                if (changed.Length > 0)
                {
                    index.Apply(changed, deleted: []);
                    foreach (var document in changed)
                    {
                        applied[document.Id] = document.UpdatedAt;
                    }
                }

                since = now - Overlap;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailure(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => !t.IsCanceled && t.Result, TaskScheduler.Default));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The knowledge index could not be brought up to date")]
    private static partial void LogFailure(ILogger logger, Exception exception);
}

using System.Diagnostics.Metrics;
using ChatClean.Application.Abstractions;
using Microsoft.Extensions.Hosting;
using ChatClean.Infrastructure.ReadModels;

namespace ChatClean.Infrastructure.Observability;

/// <summary>
/// The gauges of the moment (meter <c>ChatClean.Conversations</c>): conversations by mode, the waiting queue's length
/// and its oldest wait, the agents online. They are read from the shared read models and presence every
/// <c>Metrics:SampleInterval</c> (default 10 s), so every node reports the same cluster-wide figure: aggregate them
/// with <c>max</c>, not <c>sum</c>. A scrape between two samples sees the last one; a failed sample keeps it.
/// </summary>
public sealed partial class LiveGauges(IServiceScopeFactory scopes, IPresence presence, IOptions<MetricsOptions> options, TimeProvider clock, ILogger<LiveGauges> logger)
    : BackgroundService
{
    private static readonly Meter Meter = new(BusinessMetrics.MeterName + ".Live");

    private static volatile Sample _last = Sample.None;

    static LiveGauges()
    {
        Meter.CreateObservableGauge("chatclean.conversations", ObserveModes, description: "Conversations by mode (ai, waiting, human, closed), cluster-wide.");
        Meter.CreateObservableGauge("chatclean.waiting_queue.length", () => _last.Waiting, description: "Conversations waiting for a human, cluster-wide.");
        Meter.CreateObservableGauge("chatclean.waiting_queue.oldest", () => _last.OldestSeconds, "s", "How long the longest-waiting conversation has waited (0 when none waits).");
        Meter.CreateObservableGauge("chatclean.agents_online", () => _last.AgentsOnline, description: "Agents present with status online, cluster-wide.");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SampleInterval, clock);
        do
        {
            try
            {
                _last = await SampleAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailure(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<Sample> SampleAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatCleanDbContext>();
        var modes = await db.Conversations.AsNoTracking().GroupBy(c => c.Mode).Select(g => new { Mode = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var open = db.WaitingEpisodes.AsNoTracking().Where(e => e.EndedAt == null);
        var waiting = await open.CountAsync(cancellationToken);
        var oldest = await open.OrderBy(e => e.RequestedAt).Select(e => (DateTime?)e.RequestedAt).FirstOrDefaultAsync(cancellationToken);
        var agents = await presence.PresentAsync(cancellationToken);
        var byMode = Enum.GetValues<ConversationMode>().Where(m => m != ConversationMode.None)
            .ToDictionary(WireNames.Of, m => modes.FirstOrDefault(x => x.Mode == WireNames.Of(m))?.Count ?? 0);
        var oldestSeconds = oldest is { } since ? Math.Max(0, (clock.GetUtcNow() - ConversationRows.Utc(since)).TotalSeconds) : 0;
        return new Sample(byMode, waiting, oldestSeconds, agents.Count(a => a.Value == PresenceStatus.Online));
    }

    private static IEnumerable<Measurement<int>> ObserveModes() =>
        _last.ByMode.Select(pair => new Measurement<int>(pair.Value, new KeyValuePair<string, object?>("mode", pair.Key)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "The live gauges could not be sampled; they keep their last values")]
    private static partial void LogFailure(ILogger logger, Exception exception);

    private sealed record Sample(IReadOnlyDictionary<string, int> ByMode, int Waiting, double OldestSeconds, int AgentsOnline)
    {
        public static Sample None { get; } = new(new Dictionary<string, int>(), 0, 0, 0);
    }
}

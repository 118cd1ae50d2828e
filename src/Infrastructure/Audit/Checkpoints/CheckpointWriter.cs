using ChatClean.Infrastructure.EventStore;
using Microsoft.Extensions.Hosting;

namespace ChatClean.Infrastructure.Audit.Checkpoints;

/// <summary>
/// Records a signed checkpoint of the log head every <see cref="CheckpointOptions.EveryEvents"/> events or
/// <see cref="CheckpointOptions.Interval"/> (docs/audit.md). Nodes may race for the same head: the position is the
/// key, so one wins and the others skip.
/// </summary>
public sealed partial class CheckpointWriter(
    SqlEventStore store, CheckpointSigner signer, IServiceScopeFactory scopes, IOptions<CheckpointOptions> options, TimeProvider clock, ILogger<CheckpointWriter> logger)
    : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!signer.CanSign)
        {
            LogDisabled(logger);
            return;
        }

        using var timer = new PeriodicTimer(Tick, clock);
        do
        {
            try
            {
                await WriteIfDueAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>The last checkpoint this node knows of (read from the table once, then its own or another node's).</summary>
    private (long Position, long RecordedAt)? _last;

    /// <summary>Signs the head when enough events or time went by since the last checkpoint; returns the position signed, if any.</summary>
    public async Task<long?> WriteIfDueAsync(CancellationToken cancellationToken, bool force = false)
    {
        var (position, hash) = await store.ReadHeadAsync(cancellationToken);
        var now = EventRows.ToMicroseconds(clock.GetUtcNow());
        if (_last is { } known && !IsDue(known, position, now, force))
        {
            return null;
        }

        // Due by this node's memory: read the table (another node may have signed since) before signing.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatCleanDbContext>();
        var last = await db.Checkpoints.AsNoTracking().OrderByDescending(c => c.Position).Select(c => new { c.Position, c.RecordedAt }).FirstOrDefaultAsync(cancellationToken);
        _last = (last?.Position ?? 0, last?.RecordedAt ?? 0);
        if (!IsDue(_last.Value, position, now, force))
        {
            return null;
        }

        db.Checkpoints.Add(new CheckpointRow { Position = position, Hash = hash, RecordedAt = now, KeyId = signer.KeyId, Signature = signer.Sign(position, hash, now) });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            _last = (position, now);
            return position;
        }
        catch (DbUpdateException)
        {
            // Another node signed this head first.
            return null;
        }
    }

    private bool IsDue((long Position, long RecordedAt) last, long head, long now, bool force) =>
        head > last.Position && (force
            || head - last.Position >= options.Value.EveryEvents
            || now - last.RecordedAt >= (long)options.Value.Interval.TotalMicroseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "No Audit:Checkpoints:SigningKey: the log is not checkpointed (verify still checks every hash link).")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A checkpoint could not be written; the next tick tries again.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

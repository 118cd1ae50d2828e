using System.Diagnostics.Metrics;
using ChatClean.Application.Webhooks;
using ChatClean.Infrastructure.Security;
using Microsoft.Extensions.Hosting;

namespace ChatClean.Infrastructure.Webhooks;

/// <summary>
/// The delivery worker, on every node: claims due deliveries of endpoints that are not paused, only the oldest pending
/// one of each (endpoint, conversation), so a conversation's deliveries go in order and the next waits until the
/// previous one was delivered or failed for good. A claim is a conditional update of the row's lease, so two nodes
/// never send the same delivery at once. Each attempt is recorded; a retryable failure waits
/// <see cref="WebhookOptions.FirstRetryDelay"/>, doubling, up to <see cref="WebhookOptions.MaxRetryDelay"/>; an
/// endpoint with <see cref="WebhookOptions.PauseAfterFailures"/> failed attempts in a row is paused.
/// </summary>
public sealed partial class WebhookDispatcher(
    IServiceScopeFactory scopes,
    WebhookSender sender,
    WebhookSignal signal,
    FieldCipher cipher,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string MeterName = "ChatClean.Webhooks";

    /// <summary>How long a claim outlives the attempt's timeout; a node that dies mid-send holds its delivery that long.</summary>
    private static readonly TimeSpan LeaseMargin = TimeSpan.FromSeconds(5);

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Deliveries = Meter.CreateCounter<long>("chatclean.webhook.deliveries", description: "Delivery attempts, by outcome");
    private static readonly Counter<long> Pauses = Meter.CreateCounter<long>("chatclean.webhook.endpoint_pauses", description: "Endpoints paused after repeated failures");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var slots = new SemaphoreSlim(options.Value.Concurrency);
        while (!stoppingToken.IsCancellationRequested)
        {
            var woken = signal.Next;
            try
            {
                if (slots.CurrentCount > 0 && await StartDueAsync(slots, stoppingToken) > 0)
                {
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogFailure(logger, exception);
            }

            await Task.WhenAny(woken, Task.Delay(options.Value.PollInterval, clock, stoppingToken)).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Claims as many due deliveries as there are free slots and starts sending each; returns how many started. A slot
    /// is freed (and the loop woken) when its attempt is recorded, so a slow endpoint holds only its own slots.
    /// </summary>
    private async Task<int> StartDueAsync(SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var lease = now + settings.Timeout + LeaseMargin;
        var started = 0;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatCleanDbContext>();
        var due = await (
            from d in db.WebhookDeliveries
            join e in db.WebhookEndpoints on d.EndpointId equals e.Id
            where d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now && d.LeaseUntil <= now && !e.Paused
                && !db.WebhookDeliveries.Any(p => p.EndpointId == d.EndpointId && p.ConversationId == d.ConversationId
                    && p.Status == WebhookDeliveryStatus.Pending && p.Position < d.Position)
            orderby d.Position
            select new { d.Id, d.Body, d.Attempts, e.Url, e.Secret, EndpointId = e.Id })
            .Take(slots.CurrentCount).ToListAsync(cancellationToken);
        foreach (var row in due)
        {
            if (!slots.Wait(0, CancellationToken.None))
            {
                break;
            }

            if (!await TryClaimAsync(db, row.Id, now, lease, cancellationToken))
            {
                slots.Release();
                continue;
            }

            var delivery = new Claimed(row.Id, row.EndpointId, row.Url, cipher.Decrypt(row.Secret)!, row.Body, row.Attempts);
            _ = Task.Run(() => SendAsync(delivery, slots, cancellationToken), CancellationToken.None);
            started++;
        }

        return started;
    }

    /// <summary>One winner per row: the lease moves only if it has run out.</summary>
    private static async Task<bool> TryClaimAsync(ChatCleanDbContext db, Guid id, DateTime now, DateTime lease, CancellationToken cancellationToken)
    {
        try
        {
            return await db.WebhookDeliveries
                .Where(d => d.Id == id && d.Status == WebhookDeliveryStatus.Pending && d.LeaseUntil <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseUntil, lease), cancellationToken) == 1;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return false;
        }
    }

    private async Task SendAsync(Claimed delivery, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            var result = await sender.SendAsync(delivery.Url, delivery.Secret, delivery.Id, delivery.Body, cancellationToken);
            await RecordAsync(delivery, result, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Not recorded: the claim runs out and the delivery is tried again.
            LogFailure(logger, exception);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the claim runs out and another node (or the next start) sends it.
        }
        finally
        {
            ReleaseSlot(slots);
            signal.Notify();
        }
    }

    /// <summary>The service may be stopping, the semaphore disposed with it.</summary>
    private static void ReleaseSlot(SemaphoreSlim slots)
    {
        try
        {
            slots.Release();
        }
        catch (ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task RecordAsync(Claimed delivery, WebhookAttemptResult result, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var attempts = delivery.Attempts + 1;
        var status = result.Outcome switch
        {
            WebhookAttemptResult.Delivered => WebhookDeliveryStatus.Delivered,
            WebhookAttemptResult.Retry when attempts < settings.MaxAttempts => WebhookDeliveryStatus.Pending,
            _ => WebhookDeliveryStatus.Failed,
        };
        var next = status == WebhookDeliveryStatus.Pending ? now + RetryDelay(attempts, settings) : now;
        Deliveries.Add(1, new KeyValuePair<string, object?>("outcome", result.Outcome));

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatCleanDbContext>();
        db.WebhookAttempts.Add(new WebhookAttemptRow
        {
            DeliveryId = delivery.Id, EndpointId = delivery.EndpointId, At = now, StatusCode = result.StatusCode, Outcome = result.Outcome,
            Error = result.Error, DurationMs = result.DurationMs,
        });
        await db.SaveChangesAsync(cancellationToken);
        await db.WebhookDeliveries.Where(d => d.Id == delivery.Id).ExecuteUpdateAsync(
            s => s.SetProperty(d => d.Status, status).SetProperty(d => d.Attempts, attempts).SetProperty(d => d.NextAttemptAt, next)
                .SetProperty(d => d.LeaseUntil, DateTime.UnixEpoch),
            cancellationToken);
        if (result.Outcome == WebhookAttemptResult.Delivered)
        {
            await db.WebhookEndpoints.Where(e => e.Id == delivery.EndpointId && e.ConsecutiveFailures != 0)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.ConsecutiveFailures, 0), cancellationToken);
            return;
        }

        await db.WebhookEndpoints.Where(e => e.Id == delivery.EndpointId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ConsecutiveFailures, e => e.ConsecutiveFailures + 1), cancellationToken);
        var paused = await db.WebhookEndpoints
            .Where(e => e.Id == delivery.EndpointId && !e.Paused && e.ConsecutiveFailures >= settings.PauseAfterFailures)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Paused, true), cancellationToken);
        if (paused == 1)
        {
            Pauses.Add(1);
            LogPaused(logger, delivery.EndpointId, delivery.Url, settings.PauseAfterFailures, result.Error);
        }
    }

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1: the first delay, doubled per earlier failure, capped.</summary>
    public static TimeSpan RetryDelay(int attempts, WebhookOptions settings)
    {
        var factor = Math.Pow(2, Math.Min(attempts - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(settings.FirstRetryDelay.Ticks * factor, settings.MaxRetryDelay.Ticks));
        return delay;
    }

    private sealed record Claimed(Guid Id, Guid EndpointId, string Url, string Secret, string Body, int Attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook delivery failed; it goes on after the poll interval")]
    private static partial void LogFailure(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook endpoint {EndpointId} ({Url}) is paused after {Failures} failed attempts in a row; last error: {Error}")]
    private static partial void LogPaused(ILogger logger, Guid endpointId, string url, int failures, string? error);
}

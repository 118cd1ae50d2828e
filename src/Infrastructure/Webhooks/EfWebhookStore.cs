using ChatClean.Application.Abstractions.Webhooks;
using ChatClean.Application.Webhooks;
using ChatClean.Infrastructure.Security;

namespace ChatClean.Infrastructure.Webhooks;

/// <summary>The admin side of the webhook tables; the secret goes through the field cipher and never comes back out.</summary>
public sealed class EfWebhookStore(ChatCleanDbContext db, FieldCipher cipher, WebhookSignal signal) : IWebhookStore
{
    public async Task<WebhookEndpointView> AddEndpointAsync(
        string url, string secret, IReadOnlyList<string> eventTypes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = new WebhookEndpointRow
        {
            Id = Guid.CreateVersion7(), Url = url, Secret = cipher.Encrypt(secret)!, EventTypes = string.Join(',', eventTypes), CreatedAt = now.UtcDateTime,
        };
        db.WebhookEndpoints.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return View(row);
    }

    public async Task<IReadOnlyList<WebhookEndpointView>> ListEndpointsAsync(CancellationToken cancellationToken) =>
        (await db.WebhookEndpoints.AsNoTracking().OrderBy(e => e.CreatedAt).ToListAsync(cancellationToken)).Select(View).ToArray();

    public async Task<bool> DeleteEndpointAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var deleted = await db.WebhookEndpoints.Where(e => e.Id == id).ExecuteDeleteAsync(cancellationToken);
        await db.WebhookDeliveries.Where(d => d.EndpointId == id).ExecuteDeleteAsync(cancellationToken);
        await db.WebhookAttempts.Where(a => a.EndpointId == id).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted == 1;
    }

    public async Task<bool> ResumeAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var at = now.UtcDateTime;
        var resumed = await db.WebhookEndpoints.Where(e => e.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Paused, false).SetProperty(e => e.ConsecutiveFailures, 0), cancellationToken);
        await db.WebhookDeliveries.Where(d => d.EndpointId == id && d.Status == WebhookDeliveryStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, at), cancellationToken);
        signal.Notify();
        return resumed == 1;
    }

    public async Task<IReadOnlyList<WebhookDeliveryView>> ListDeliveriesAsync(Guid endpointId, string? status, int limit, CancellationToken cancellationToken)
    {
        var query = db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == endpointId);
        if (status is not null)
        {
            query = query.Where(d => d.Status == status);
        }

        var rows = await query.OrderByDescending(d => d.Position).Take(limit).ToListAsync(cancellationToken);
        return rows.Select(View).ToArray();
    }

    public async Task<IReadOnlyList<WebhookAttemptView>> ListAttemptsAsync(Guid endpointId, int limit, CancellationToken cancellationToken)
    {
        var rows = await db.WebhookAttempts.AsNoTracking().Where(a => a.EndpointId == endpointId).OrderByDescending(a => a.Id).Take(limit).ToListAsync(cancellationToken);
        return rows.Select(a => new WebhookAttemptView(a.DeliveryId, Utc(a.At), a.StatusCode, a.Outcome, a.Error, a.DurationMs)).ToArray();
    }

    public async Task<WebhookDeliveryView?> RedeliverAsync(Guid endpointId, Guid deliveryId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var at = now.UtcDateTime;
        var updated = await db.WebhookDeliveries.Where(d => d.Id == deliveryId && d.EndpointId == endpointId)
            .ExecuteUpdateAsync(
                s => s.SetProperty(d => d.Status, WebhookDeliveryStatus.Pending).SetProperty(d => d.Attempts, 0).SetProperty(d => d.NextAttemptAt, at),
                cancellationToken);
        if (updated == 0)
        {
            return null;
        }

        signal.Notify();
        return View(await db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.Id == deliveryId, cancellationToken));
    }

    private static WebhookEndpointView View(WebhookEndpointRow row) =>
        new(row.Id, row.Url, row.EventTypes.Split(','), row.Paused, row.ConsecutiveFailures, Utc(row.CreatedAt));

    private static WebhookDeliveryView View(WebhookDeliveryRow row) =>
        new(row.Id, row.EndpointId, row.Type, row.ConversationId, row.Position, row.Status, row.Attempts,
            row.Status == WebhookDeliveryStatus.Pending ? Utc(row.NextAttemptAt) : null, Utc(row.CreatedAt));

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}

using System.Text.Json;
using System.Text.Json.Nodes;
using ChatClean.Application.Webhooks;
using ChatClean.Infrastructure.EventStore;
using ChatClean.Infrastructure.ReadModels;
using ChatClean.Infrastructure.Subscriptions;

namespace ChatClean.Infrastructure.Webhooks;

/// <summary>
/// Turns the event log into the webhook outbox (ADR 24): for each page, in one transaction that also moves its own
/// checkpoint (<see cref="Name"/> in <c>projection_checkpoints</c>), one <c>webhook_deliveries</c> row per event and
/// endpoint that subscribed to its type. So every transition is delivered whatever caused it, after a crash or on
/// another node; the checkpoint row is locked first, so several nodes never write the same page, and the delivery
/// id is derived from endpoint and event, so a replay finds the rows already there. An endpoint receives only events
/// recorded after it was registered. An erasure of personal data rewrites the bodies of its conversation's deliveries.
/// </summary>
public sealed class WebhookSubscription(
    IServiceScopeFactory scopes,
    IEventStore eventStore,
    AppendSignal signal,
    WebhookSignal outboxSignal,
    IOptions<EventStoreOptions> options,
    TimeProvider clock,
    ILogger<WebhookSubscription> logger) : Subscription(eventStore, signal, options, clock, logger)
{
    public const string CheckpointName = "webhooks";

    private readonly TimeSpan _pollInterval = options.Value.SubscriptionPollInterval;
    private long _leftToOtherNodeAt;

    public override string Name => CheckpointName;

    protected override async Task<long> StartPositionAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await ProjectionCheckpoints.EnsureAsync(scope.ServiceProvider.GetRequiredService<ChatCleanDbContext>(), Name, cancellationToken);
    }

    /// <summary>Another node took a page but its checkpoint stays behind after a poll interval: read from there again.</summary>
    protected override async Task<long?> CaughtUpAsync(long position, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var stored = await ProjectionCheckpoints.ReadAsync(scope.ServiceProvider.GetRequiredService<ChatCleanDbContext>(), Name, cancellationToken);
        var waitingForOtherNode = Clock.GetElapsedTime(Volatile.Read(ref _leftToOtherNodeAt)) < _pollInterval;
        return stored < position && !waitingForOtherNode ? stored : null;
    }

    protected override async Task<long> ConsumeAsync(IReadOnlyList<StoredEvent<IConversationEvent>> page, CancellationToken cancellationToken)
    {
        int written;
        long position;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChatCleanDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await ProjectionCheckpoints.TryLockAsync(db, Name, cancellationToken) is not { } checkpoint)
            {
                Volatile.Write(ref _leftToOtherNodeAt, Clock.GetTimestamp());
                return page[^1].Position;
            }

            var fresh = page.Where(e => e.Position > checkpoint.Position).ToArray();
            if (page[0].Position > checkpoint.Position + 1 || fresh.Length == 0)
            {
                return checkpoint.Position;
            }

            var endpoints = await db.WebhookEndpoints.AsNoTracking().ToListAsync(cancellationToken);
            var rows = Deliveries(fresh, endpoints, Clock.GetUtcNow().UtcDateTime).ToList();
            var ids = rows.Select(r => r.Id).ToArray();
            var existing = ids.Length == 0 ? [] : (await db.WebhookDeliveries.Where(d => ids.Contains(d.Id)).Select(d => d.Id).ToListAsync(cancellationToken)).ToHashSet();
            var added = rows.Where(r => !existing.Contains(r.Id)).ToArray();
            db.WebhookDeliveries.AddRange(added);
            foreach (var conversation in fresh.Select(e => e.Event).OfType<PersonalDataErased>().Select(e => e.ConversationId).Distinct())
            {
                await RewriteErasedAsync(db, added, conversation, cancellationToken);
            }

            written = added.Length;
            checkpoint.Position = position = fresh[^1].Position;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if (written > 0)
        {
            outboxSignal.Notify();
        }

        return position;
    }

    /// <summary>
    /// An erasure rewrote the conversation's events in the log before it was recorded: its deliveries' bodies are made
    /// again from the log as it now is, so the outbox keeps no erased text (a delivery already sent stays sent).
    /// </summary>
    private async Task RewriteErasedAsync(ChatCleanDbContext db, IReadOnlyList<WebhookDeliveryRow> added, Guid conversation, CancellationToken cancellationToken)
    {
        var events = new Dictionary<long, StoredEvent<IConversationEvent>>();
        await foreach (var stored in EventStore.ReadStreamToEndAsync(new ConversationId(conversation).StreamName, 1, cancellationToken))
        {
            events[stored.Position] = stored;
        }

        var rows = await db.WebhookDeliveries.Where(d => d.ConversationId == conversation).ToListAsync(cancellationToken);
        foreach (var row in rows.Concat(added.Where(a => a.ConversationId == conversation)))
        {
            if (events.TryGetValue(row.Position, out var stored))
            {
                row.Body = Body(row.Id, row.Type, stored);
            }
        }
    }

    private static IEnumerable<WebhookDeliveryRow> Deliveries(IReadOnlyList<StoredEvent<IConversationEvent>> events, List<WebhookEndpointRow> endpoints, DateTime now)
    {
        foreach (var stored in events)
        {
            if (WebhookEventTypes.Of(stored.Event) is not { } type)
            {
                continue;
            }

            foreach (var endpoint in endpoints)
            {
                if (stored.RecordedAt.UtcDateTime < endpoint.CreatedAt || !endpoint.EventTypes.Split(',').Contains(type))
                {
                    continue;
                }

                var id = WebhookDeliveryId.For(endpoint.Id, stored.EventId);
                yield return new WebhookDeliveryRow
                {
                    Id = id,
                    EndpointId = endpoint.Id,
                    ConversationId = stored.Event.ConversationId,
                    Position = stored.Position,
                    Type = type,
                    Body = Body(id, type, stored),
                    Status = WebhookDeliveryStatus.Pending,
                    NextAttemptAt = now,
                    LeaseUntil = DateTime.UnixEpoch,
                    CreatedAt = now,
                };
            }
        }
    }

    /// <summary>The payload: <c>{id, type, occurredAt, conversationId, data}</c>, data being the event's own JSON.</summary>
    private static string Body(Guid id, string type, StoredEvent<IConversationEvent> stored)
    {
        var body = new JsonObject
        {
            ["id"] = id,
            ["type"] = type,
            ["occurredAt"] = stored.Event.At,
            ["conversationId"] = stored.Event.ConversationId,
            ["data"] = JsonSerializer.SerializeToNode(stored.Event, stored.Event.GetType(), ConversationEventSerializer.Options),
        };
        return body.ToJsonString();
    }
}

/// <summary>Wakes this node's delivery worker when the subscription wrote new deliveries.</summary>
public sealed class WebhookSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next => Volatile.Read(ref _next).Task;

    public void Notify() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}

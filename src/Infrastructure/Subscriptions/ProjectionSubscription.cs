using ChatClean.Infrastructure.EventStore;
using ChatClean.Infrastructure.ReadModels;

namespace ChatClean.Infrastructure.Subscriptions;

/// <summary>
/// The read models' subscription, checkpoint in the projections' own transaction: each page is folded into the
/// conversations' summaries and applied by every table's projection in one transaction that also moves the
/// checkpoint, so an event is applied exactly once even if the process dies mid-page. The checkpoint row is locked
/// first, so several nodes never apply the same events; a page that does not start right after the locked checkpoint
/// (another node went ahead, or a rebuild reset it) is dropped and read again from there. A node that finds the row
/// locked does not queue behind the other node's transaction (on two nodes that was most of the projection's cost:
/// lock waits, and pages cut small by taking turns): it leaves the page to that node and goes on after it; if that
/// node stops short, the stored checkpoint stays behind and this node comes back for the rest once a poll interval
/// has passed without the checkpoint catching up.
/// </summary>
public sealed class ProjectionSubscription(
    IServiceScopeFactory scopes,
    IEventStore eventStore,
    AppendSignal signal,
    IEnumerable<IReadModelObserver> observers,
    IOptions<EventStoreOptions> options,
    TimeProvider clock,
    ILogger<ProjectionSubscription> logger) : Subscription(eventStore, signal, options, clock, logger)
{
    private readonly IReadModelObserver[] _observers = observers.ToArray();
    private readonly TimeSpan _pollInterval = options.Value.SubscriptionPollInterval;
    private long _leftToOtherNodeAt;

    public override string Name => ProjectionCheckpoints.ReadModels;

    protected override async Task<long> StartPositionAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await ProjectionCheckpoints.EnsureAsync(scope.ServiceProvider.GetRequiredService<ChatCleanDbContext>(), Name, cancellationToken);
    }

    /// <summary>Caught up: a rebuild may have reset the stored checkpoint meanwhile; then start again from there.</summary>
    protected override async Task<long?> CaughtUpAsync(long position, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var stored = await ProjectionCheckpoints.ReadAsync(scope.ServiceProvider.GetRequiredService<ChatCleanDbContext>(), Name, cancellationToken);
        var waitingForOtherNode = Clock.GetElapsedTime(Volatile.Read(ref _leftToOtherNodeAt)) < _pollInterval;
        return stored < position && !waitingForOtherNode ? stored : null;
    }

    /// <summary>Applies a page in one span, a child of the span that appended the page's first event (its trace).</summary>
    protected override async Task<long> ConsumeAsync(IReadOnlyList<StoredEvent<IConversationEvent>> page, CancellationToken cancellationToken)
    {
        using var activity = Application.Abstractions.Observability.Tracing.StartFollowing("project read models", page[0].Metadata);
        activity?.SetTag("chatclean.events", page.Count);
        ReadModelChanges changes;
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

            var readModelPage = await ReadModelPage.ApplyAsync(db, scope.ServiceProvider.GetServices<IReadModelProjection>().ToArray(), fresh, cancellationToken);
            checkpoint.Position = position = fresh[^1].Position;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            changes = new ReadModelChanges(readModelPage.ConversationIds, readModelPage.StartDays.Select(DateOnly.FromDateTime).ToArray())
            {
                Events = readModelPage.Changes,
                HumanFirstResponses = readModelPage.HumanFirstResponses,
            };
        }

        foreach (var observer in _observers)
        {
            await observer.OnCommittedAsync(position, changes, cancellationToken);
        }

        return position;
    }
}

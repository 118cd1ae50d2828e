using ChatClean.Application.Abstractions.Jobs;
using ChatClean.Application.Abstractions.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatClean.Application.Conversations;

/// <summary>
/// The process rule of waiting: every <c>HumanRequested</c>, whatever sent it, arms one timeout job for its episode,
/// due at request + the reason's wait; every end of the episode disarms it (a timeout ends it by itself, so its job is
/// left to finish). Reconciling arms a job for every episode the read models show waiting, so a job storage that lost
/// its jobs loses no timeout.
/// </summary>
public sealed partial class ArmWaitingTimeout(
    IJobScheduler jobs, IServiceScopeFactory scopes, IOptions<ConversationOptions> options, ILogger<ArmWaitingTimeout> logger) : IReconcilingReactor
{
    public string Name => "waiting-timeouts";

    public ValueTask ReactAsync(StoredEvent<IConversationEvent> stored, CancellationToken cancellationToken)
    {
        if (stored.Event is HumanRequested requested)
        {
            jobs.ArmWaitingTimeout(requested.ConversationId, requested.Episode, options.Value.DeadlineOf(requested));
        }
        else if (EpisodeEnd.Of(stored.Event) is { } end)
        {
            jobs.EndWaitingTimeout(stored.Event.ConversationId, end.Episode, deletePendingJob: end.Outcome != EpisodeOutcome.TimedOut);
        }

        return ValueTask.CompletedTask;
    }

    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var waiting = await scope.ServiceProvider.GetRequiredService<IConversationReadModel>().ListWaitingAsync(int.MaxValue, cancellationToken);
        var armed = waiting.Count(entry =>
            jobs.ArmWaitingTimeout(entry.ConversationId, entry.Episode, options.Value.DeadlineOf(entry.Reason, entry.RequestedAt)) == JobArming.Armed);
        LogReconciled(logger, waiting.Count, armed);
        return armed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting timeouts reconciled: {Waiting} conversations waiting, {Armed} jobs armed")]
    private static partial void LogReconciled(ILogger logger, int waiting, int armed);
}

using System.Globalization;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Hangfire.Storage;

namespace ChatClean.Infrastructure.Scheduling;

/// <summary>What <see cref="WaitingTimeoutScheduler.Arm"/> found and did.</summary>
public enum ArmOutcome
{
    /// <summary>A job was created (scheduled, or enqueued at once when already due).</summary>
    Armed,

    /// <summary>A live job already exists for the episode.</summary>
    AlreadyArmed,

    /// <summary>The episode has ended: no job is needed.</summary>
    Ended,
}

/// <summary>
/// One timeout job per waiting episode, whichever node asks and however often. The episode's record in the job
/// storage (a hash holding the job id, or an "ended" mark once the episode is over) is read and written under a
/// distributed lock, so every node can react to the same event and still only one job exists; a job that was lost,
/// deleted or failed for good is replaced, and an ended episode is never armed again.
/// </summary>
public sealed class WaitingTimeoutScheduler(JobStorage storage, IBackgroundJobClient jobs, TimeProvider clock)
{
    private const string JobField = "job";
    private const string DueField = "due";
    private const string EndedField = "ended";
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan KeepAfterEnd = TimeSpan.FromDays(2);

    /// <summary>A job in Processing for longer than this belongs to a node that died with it.</summary>
    private static readonly TimeSpan StuckAfter = TimeSpan.FromSeconds(15);

    public static string KeyOf(Guid conversationId, int episode) => $"chatclean:waiting-timeout:{conversationId:N}:{episode}";

    /// <summary>Makes sure a live job will time the episode out at <paramref name="dueAt"/> (at once if that has passed).</summary>
    public ArmOutcome Arm(Guid conversationId, int episode, DateTimeOffset dueAt)
    {
        var key = KeyOf(conversationId, episode);
        using var connection = storage.GetConnection();
        using var distributedLock = connection.AcquireDistributedLock(key + ":lock", LockTimeout);
        var entries = connection.GetAllEntriesFromHash(key);
        if (entries is not null && entries.ContainsKey(EndedField))
        {
            return ArmOutcome.Ended;
        }

        if (entries is not null && entries.TryGetValue(JobField, out var existing) && IsLive(connection, existing))
        {
            return ArmOutcome.AlreadyArmed;
        }

        var now = clock.GetUtcNow();
        var delay = dueAt - now;
        IState state = delay > TimeSpan.Zero ? new ScheduledState(delay) : new EnqueuedState();
        var jobId = jobs.Create(Job.FromExpression<WaitingTimeoutJob>(j => j.RunAsync(conversationId, episode, dueAt, CancellationToken.None)), state);

        using var transaction = connection.CreateWriteTransaction();
        transaction.SetRangeInHash(key, [new(JobField, jobId), new(DueField, dueAt.ToString("O", CultureInfo.InvariantCulture))]);
        if (transaction is JobStorageTransaction expiring)
        {
            expiring.ExpireHash(key, (delay > TimeSpan.Zero ? delay : TimeSpan.Zero) + KeepAfterEnd);
        }

        transaction.Commit();
        return ArmOutcome.Armed;
    }

    /// <summary>The episode is over: mark it so, and delete its pending job unless the job itself ended it.</summary>
    public void Disarm(Guid conversationId, int episode, bool deletePendingJob)
    {
        var key = KeyOf(conversationId, episode);
        using var connection = storage.GetConnection();
        using var distributedLock = connection.AcquireDistributedLock(key + ":lock", LockTimeout);
        var entries = connection.GetAllEntriesFromHash(key);
        if (entries is not null && entries.ContainsKey(EndedField))
        {
            return;
        }

        if (deletePendingJob && entries is not null && entries.TryGetValue(JobField, out var jobId))
        {
            // Only a job that has not started is deleted; a running one finds the episode ended and does nothing.
            jobs.ChangeState(jobId, new DeletedState(), ScheduledState.StateName);
            jobs.ChangeState(jobId, new DeletedState(), EnqueuedState.StateName);
        }

        using var transaction = connection.CreateWriteTransaction();
        transaction.SetRangeInHash(key, [new(EndedField, clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture))]);
        if (transaction is JobStorageTransaction expiring)
        {
            expiring.ExpireHash(key, KeepAfterEnd);
        }

        transaction.Commit();
    }

    /// <summary>The job id and state recorded for an episode, for tests and diagnostics.</summary>
    public (string? JobId, string? State, bool Ended) Inspect(Guid conversationId, int episode)
    {
        using var connection = storage.GetConnection();
        var entries = connection.GetAllEntriesFromHash(KeyOf(conversationId, episode));
        var jobId = entries?.GetValueOrDefault(JobField);
        var state = jobId is null ? null : connection.GetStateData(jobId)?.Name;
        return (jobId, state, entries?.ContainsKey(EndedField) == true);
    }

    private bool IsLive(IStorageConnection connection, string jobId)
    {
        var state = connection.GetStateData(jobId);
        var name = state?.Name;
        if (name is null)
        {
            // Expired, or lost with an in-memory storage.
            return false;
        }

        if (name == ProcessingState.StateName)
        {
            return state!.Data.TryGetValue("StartedAt", out var started) &&
                JobHelper.DeserializeNullableDateTime(started) is { } startedAt &&
                clock.GetUtcNow().UtcDateTime - startedAt < StuckAfter;
        }

        // Deleted or failed for good: replace it.
        return name == ScheduledState.StateName || name == EnqueuedState.StateName || name == AwaitingState.StateName || name == SucceededState.StateName;
    }
}

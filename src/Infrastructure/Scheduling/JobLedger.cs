using System.Globalization;
using ChatClean.Application.Abstractions.Jobs;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Hangfire.Storage;

namespace ChatClean.Infrastructure.Scheduling;

/// <summary>
/// At most one live Hangfire job per key, whichever node asks and however often. The key's record in the job
/// storage (a hash holding the job id, or an "ended" mark) is read and written under a distributed lock, so every
/// node can react to the same event and still only one job exists; a job that was lost, deleted or failed for good
/// is replaced, and an ended key is never armed again.
/// </summary>
public sealed class JobLedger(JobStorage storage, IBackgroundJobClient jobs, TimeProvider clock)
{
    private const string JobField = "job";
    private const string EndedField = "ended";
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan KeepAfterEnd = TimeSpan.FromDays(2);

    /// <summary>
    /// Makes sure a live job for <paramref name="key"/> runs <paramref name="job"/> at <paramref name="runAt"/> (at once
    /// if that has passed). A job in Processing for longer than <paramref name="stuckAfter"/> is taken to belong to a node
    /// that died with it, and is replaced.
    /// </summary>
    public JobArming Ensure(string key, Job job, DateTimeOffset runAt, TimeSpan stuckAfter)
    {
        using var connection = storage.GetConnection();
        using var distributedLock = connection.AcquireDistributedLock(key + ":lock", LockTimeout);
        var entries = connection.GetAllEntriesFromHash(key);
        if (entries is not null && entries.ContainsKey(EndedField))
        {
            return JobArming.Ended;
        }

        if (entries is not null && entries.TryGetValue(JobField, out var existing) && IsLive(connection, existing, stuckAfter))
        {
            return JobArming.AlreadyArmed;
        }

        var delay = runAt - clock.GetUtcNow();
        IState state = delay > TimeSpan.Zero ? new ScheduledState(delay) : new EnqueuedState();
        var jobId = jobs.Create(job, state);

        using var transaction = connection.CreateWriteTransaction();
        transaction.SetRangeInHash(key, [new(JobField, jobId)]);
        if (transaction is JobStorageTransaction expiring)
        {
            expiring.ExpireHash(key, (delay > TimeSpan.Zero ? delay : TimeSpan.Zero) + KeepAfterEnd);
        }

        transaction.Commit();
        return JobArming.Armed;
    }

    /// <summary>No job is needed for <paramref name="key"/> any more: mark it so, and delete its job if it has not started.</summary>
    public void End(string key, bool deletePendingJob)
    {
        using var connection = storage.GetConnection();
        using var distributedLock = connection.AcquireDistributedLock(key + ":lock", LockTimeout);
        var entries = connection.GetAllEntriesFromHash(key);
        if (entries is not null && entries.ContainsKey(EndedField))
        {
            return;
        }

        if (deletePendingJob && entries is not null && entries.TryGetValue(JobField, out var jobId))
        {
            // Only a job that has not started is deleted; a running one finds nothing to do.
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

    /// <summary>The job id and state recorded for a key, for tests and diagnostics.</summary>
    public (string? JobId, string? State, bool Ended) Inspect(string key)
    {
        using var connection = storage.GetConnection();
        var entries = connection.GetAllEntriesFromHash(key);
        var jobId = entries?.GetValueOrDefault(JobField);
        var state = jobId is null ? null : connection.GetStateData(jobId)?.Name;
        return (jobId, state, entries?.ContainsKey(EndedField) == true);
    }

    private bool IsLive(IStorageConnection connection, string jobId, TimeSpan stuckAfter)
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
                clock.GetUtcNow().UtcDateTime - startedAt < stuckAfter;
        }

        // Deleted or failed for good: replace it.
        return name == ScheduledState.StateName || name == EnqueuedState.StateName || name == AwaitingState.StateName || name == SucceededState.StateName;
    }
}

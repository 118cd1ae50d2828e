using Hangfire.Common;

namespace ChatClean.Infrastructure.Scheduling;

/// <summary>One timeout job per waiting episode (see <see cref="JobLedger"/>); an ended episode is never armed again.</summary>
public sealed class WaitingTimeoutScheduler(JobLedger ledger)
{
    /// <summary>A timeout job takes a second at most (it waits for its deadline, then appends).</summary>
    private static readonly TimeSpan StuckAfter = TimeSpan.FromSeconds(30);

    public static string KeyOf(Guid conversationId, int episode) => $"chatclean:waiting-timeout:{conversationId:N}:{episode}";

    /// <summary>Makes sure a live job will time the episode out at <paramref name="dueAt"/> (at once if that has passed).</summary>
    public ArmOutcome Arm(Guid conversationId, int episode, DateTimeOffset dueAt) =>
        ledger.Ensure(
            KeyOf(conversationId, episode),
            Job.FromExpression<WaitingTimeoutJob>(j => j.RunAsync(conversationId, episode, dueAt, CancellationToken.None)),
            dueAt,
            StuckAfter);

    /// <summary>The episode is over: mark it so, and delete its pending job unless the job itself ended it.</summary>
    public void Disarm(Guid conversationId, int episode, bool deletePendingJob) => ledger.End(KeyOf(conversationId, episode), deletePendingJob);

    /// <summary>The job id and state recorded for an episode, for tests and diagnostics.</summary>
    public (string? JobId, string? State, bool Ended) Inspect(Guid conversationId, int episode) => ledger.Inspect(KeyOf(conversationId, episode));
}

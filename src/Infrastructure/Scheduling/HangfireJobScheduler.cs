using ChatClean.Application.Abstractions.Jobs;
using ChatClean.Application.Ai;
using Hangfire.Common;

namespace ChatClean.Infrastructure.Scheduling;

/// <summary>The job port on Hangfire: one ledger entry per waiting episode and per customer message answered (see <see cref="JobLedger"/>).</summary>
public sealed class HangfireJobScheduler(JobLedger ledger, TimeProvider clock, IOptions<AiOptions> ai) : IJobScheduler
{
    /// <summary>A timeout job takes a second at most (it waits for its deadline, then appends).</summary>
    private static readonly TimeSpan TimeoutStuckAfter = TimeSpan.FromSeconds(30);

    /// <summary>A reply may take the model's whole timeout, a retry's worth more, and the fallback.</summary>
    private TimeSpan ReplyStuckAfter => (ai.Value.OpenAI.Timeout * 2) + TimeSpan.FromMinutes(1);

    public static string WaitingTimeoutKey(Guid conversationId, int episode) => $"chatclean:waiting-timeout:{conversationId:N}:{episode}";

    public static string AiReplyKey(Guid conversationId, long seq) => $"chatclean:ai-reply:{conversationId:N}:{seq}";

    public JobArming ArmWaitingTimeout(Guid conversationId, int episode, DateTimeOffset dueAt) =>
        ledger.Ensure(
            WaitingTimeoutKey(conversationId, episode),
            Job.FromExpression<WaitingTimeoutJob>(j => j.RunAsync(conversationId, episode, dueAt, CancellationToken.None)),
            dueAt,
            TimeoutStuckAfter);

    public void EndWaitingTimeout(Guid conversationId, int episode, bool deletePendingJob) =>
        ledger.End(WaitingTimeoutKey(conversationId, episode), deletePendingJob);

    public JobArming ArmAiReply(Guid conversationId, long customerSeq) =>
        ledger.Ensure(
            AiReplyKey(conversationId, customerSeq),
            Job.FromExpression<AiReplyJob>(j => j.RunAsync(conversationId, customerSeq, CancellationToken.None)),
            clock.GetUtcNow(),
            ReplyStuckAfter);

    /// <summary>The job id and state recorded for a waiting episode, for tests and diagnostics.</summary>
    public (string? JobId, string? State, bool Ended) InspectWaitingTimeout(Guid conversationId, int episode) =>
        ledger.Inspect(WaitingTimeoutKey(conversationId, episode));
}

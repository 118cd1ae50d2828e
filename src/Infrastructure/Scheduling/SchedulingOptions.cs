using ChatClean.Application.Common;

namespace ChatClean.Infrastructure.Scheduling;

/// <summary>The <c>Hangfire</c> configuration section: how promptly and how widely the job server works.</summary>
public sealed class SchedulingOptions
{
    public const string SectionName = "Hangfire";

    /// <summary>
    /// Whether this node arms and runs jobs, waiting timeouts and AI replies (default true). A node that only serves reads or
    /// rebuilds read models can turn it off; a deployment needs at least one node with it on.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often due scheduled jobs are moved to the queue; a timeout fires at most about this late (Hangfire's default is 15 s).</summary>
    [Positive]
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    [Positive]
    public int WorkerCount { get; set; } = 8;

    /// <summary>
    /// A fetched job is handed to another worker after this long even if its worker is alive (Redis storage), so it
    /// must exceed the longest job (an AI reply: <c>Ai:OpenAI:Timeout</c> plus fallbacks). Jobs of a node that died
    /// are also re-armed by the reconciliation.
    /// </summary>
    [Positive]
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a stopping node lets running jobs finish.</summary>
    [NotNegative]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often waiting conversations and recent unanswered customer messages are checked for a live job.</summary>
    [Positive]
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(1);
}

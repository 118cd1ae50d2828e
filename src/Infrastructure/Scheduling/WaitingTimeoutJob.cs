using System.Diagnostics.Metrics;
using ChatClean.Application.Common;
using Hangfire;
using Mediator;

namespace ChatClean.Infrastructure.Scheduling;

/// <summary>
/// The Hangfire job of one waiting episode: sends the same <see cref="TimeOutToAiCommand"/> any other caller would.
/// A job that starts early waits for the due time. Firing late, twice or after the episode ended is harmless: the decider only times out the episode still waiting.
/// Hangfire stores this type and method by name: renaming them orphans the jobs already scheduled.
/// </summary>
public sealed partial class WaitingTimeoutJob(IMediator mediator, TimeProvider clock, ILogger<WaitingTimeoutJob> logger)
{
    public const string MeterName = "ChatClean.WaitingTimeouts";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> Lateness = Meter.CreateHistogram(
        "chatclean.waiting_timeout.lateness", "s", "How long after its due time a waiting timeout job ran.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300] });

    private static readonly Counter<long> Fired = Meter.CreateCounter<long>(
        "chatclean.waiting_timeout.fired", description: "Waiting timeout jobs run, by outcome (timed_out, no_op, not_found).");

    [AutomaticRetry(Attempts = 10, DelaysInSeconds = [1, 2, 5, 10, 30, 60, 120, 300, 600, 900])]
    [JobDisplayName("Waiting timeout of {0}, episode {1}")]
    public async Task RunAsync(Guid conversationId, int episode, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        // Hangfire keeps due times to the second, so a job can start up to a second early: never time out before the
        // deadline. Timers round to whole milliseconds, hence the loop.
        for (var early = dueAt - clock.GetUtcNow(); early > TimeSpan.Zero; early = dueAt - clock.GetUtcNow())
        {
            await Task.Delay(early + TimeSpan.FromMilliseconds(1), clock, cancellationToken);
        }

        var late = clock.GetUtcNow() - dueAt;
        Lateness.Record(late.TotalSeconds);
        try
        {
            var result = await mediator.Send(new TimeOutToAiCommand(conversationId, episode), cancellationToken);
            Fired.Add(1, new KeyValuePair<string, object?>("outcome", result.Changed ? "timed_out" : "no_op"));
            LogFired(logger, conversationId, episode, result.Changed, late.TotalMilliseconds);
        }
        catch (NotFoundException)
        {
            // The conversation is not in this event log (the job outlived its database): nothing to time out.
            Fired.Add(1, new KeyValuePair<string, object?>("outcome", "not_found"));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting timeout of {ConversationId} episode {Episode}: timed out {Changed}, {LateMs:F0} ms after its due time")]
    private static partial void LogFired(ILogger logger, Guid conversationId, int episode, bool changed, double lateMs);
}

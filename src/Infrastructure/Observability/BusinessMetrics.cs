using System.Diagnostics.Metrics;
using ChatClean.Infrastructure.ReadModels;

namespace ChatClean.Infrastructure.Observability;

/// <summary>
/// The business series (meter <c>ChatClean.Conversations</c>), counted as the read models commit each page: one node
/// applies each event exactly once (<see cref="Subscriptions.ProjectionSubscription"/>), so summing a series over the
/// nodes counts each conversation, message and handoff once cluster-wide. Events recorded before this process started
/// are not counted (a rebuild, or a backlog applied at start-up, is not business that happened now).
/// </summary>
public sealed class BusinessMetrics : IReadModelObserver
{
    public const string MeterName = "ChatClean.Conversations";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Started = Meter.CreateCounter<long>("chatclean.conversations.started", description: "Conversations started.");

    private static readonly Counter<long> Messages = Meter.CreateCounter<long>("chatclean.messages", description: "Messages posted, by sender (customer, ai, agent, system).");

    private static readonly Counter<long> Handoffs = Meter.CreateCounter<long>("chatclean.handoffs", description: "Waiting episodes opened (a human requested), by reason.");

    private static readonly Counter<long> Takeovers = Meter.CreateCounter<long>("chatclean.takeovers", description: "Conversations taken over by an agent.");

    private static readonly Counter<long> Timeouts = Meter.CreateCounter<long>("chatclean.waiting_timeouts", description: "Waiting episodes that timed out back to the AI.");

    private static readonly Histogram<double> WaitTime = Meter.CreateHistogram(
        "chatclean.wait_time", "s", "From a human request to the end of its waiting episode, by outcome (taken_over, timed_out, cancelled, closed).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets.Human });

    private static readonly Histogram<double> FirstResponse = Meter.CreateHistogram(
        "chatclean.first_response_time", "s", "To the first answer: the AI's from the first customer message, an agent's from the human request it took over.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets.Human });

    private readonly DateTimeOffset _since;

    public BusinessMetrics(TimeProvider clock) => _since = clock.GetUtcNow();

    public ValueTask OnCommittedAsync(long position, ReadModelChanges changes, CancellationToken cancellationToken)
    {
        var counted = false;
        foreach (var change in changes.Events)
        {
            if (change.Stored.RecordedAt >= _since)
            {
                Count(change);
                counted = true;
            }
        }

        if (counted)
        {
            foreach (var human in changes.HumanFirstResponses)
            {
                FirstResponse.Record(Seconds(human), new KeyValuePair<string, object?>("responder", "agent"));
            }
        }

        return ValueTask.CompletedTask;
    }

    private static void Count(ProjectedEvent change)
    {
        switch (change.Event)
        {
            case ConversationStarted:
                Started.Add(1);
                break;
            case MessagePosted message:
                Messages.Add(1, new KeyValuePair<string, object?>("sender", WireNames.Of(message.Sender)));
                if (change.Before?.FirstAiReplyAt is null && change.After is { FirstAiReplyAt: { } replied, FirstCustomerMessageAt: { } asked })
                {
                    FirstResponse.Record(Seconds(replied - asked), new KeyValuePair<string, object?>("responder", "ai"));
                }

                break;
            case HumanRequested requested:
                Handoffs.Add(1, new KeyValuePair<string, object?>("reason", WireNames.Of(requested.Reason)));
                break;
            case AgentTookOver:
                Takeovers.Add(1);
                break;
            case TimedOutToAi:
                Timeouts.Add(1);
                break;
        }

        if (EpisodeEnd.Of(change.Event) is { } end && change.Before?.Waiting is { } waiting && waiting.Episode == end.Episode)
        {
            WaitTime.Record(Seconds(end.At - waiting.Since), new KeyValuePair<string, object?>("outcome", WireNames.Of(end.Outcome)));
        }
    }

    private static double Seconds(TimeSpan span) => Math.Max(0, span.TotalSeconds);
}

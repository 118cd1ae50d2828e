using ChatClean.Application.Abstractions.ReadModels;
using ChatClean.Application.Common;
using ChatClean.Domain.Conversations;
using Mediator;
using Microsoft.Extensions.Options;

namespace ChatClean.Application.Conversations;

/// <summary>Where a waiting conversation stands: its place in the queue and how long its customer should expect to wait.</summary>
public sealed record QueuePosition(
    Guid ConversationId,
    Guid CustomerId,
    int Episode,
    int Position,
    int QueueLength,
    DateTimeOffset WaitingSince,
    double WaitedSeconds,
    double ExpectedWaitSeconds,
    DateTimeOffset TimesOutAt);

/// <summary>The answer to a customer asking about their conversation; <see cref="Queue"/> is null unless it is waiting.</summary>
public sealed record QueueStatus(Guid ConversationId, bool Waiting, QueuePosition? Queue);

/// <summary>The queue position of one conversation, for its customer or staff.</summary>
[RequiresPermission(Permissions.ConversationsParticipate)]
public sealed record GetQueuePositionQuery(Caller Caller, Guid ConversationId) : ICallerRequest, IConversationRequest, IQuery<QueueStatus>;

/// <summary>Every waiting conversation with its position, for the service's own notices to customers.</summary>
[NoCaller("Sent by the service to tell waiting customers their place.")]
public sealed record GetWaitingPositionsQuery : IQuery<IReadOnlyList<QueuePosition>>;

/// <summary>
/// The expected wait, from recent wait times: one median wait of the episodes that recently ended in a takeover or a
/// timeout per place in the queue, up to and including the customer's own, minus what the customer has already
/// waited; never more than the time left before the conversation falls back to the AI, which is also the answer when
/// nothing is known.
/// </summary>
public static class QueueEstimate
{
    /// <summary>How far back "recent" reaches.</summary>
    public static readonly TimeSpan RecentWindow = TimeSpan.FromHours(1);

    /// <summary>At most this many recent episodes are considered.</summary>
    public const int RecentSample = 200;

    public static TimeSpan ExpectedWait(int position, TimeSpan waited, IReadOnlyList<TimeSpan> recentWaits, TimeSpan untilTimeout) =>
        ExpectedWait(position, waited, Median(recentWaits), untilTimeout);

    /// <param name="typicalWait">The median recent wait (<see cref="Median"/>), null when nothing is known.</param>
    public static TimeSpan ExpectedWait(int position, TimeSpan waited, TimeSpan? typicalWait, TimeSpan untilTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(position, 1);
        var left = untilTimeout > TimeSpan.Zero ? untilTimeout : TimeSpan.Zero;
        if (typicalWait is not { } typical)
        {
            return left;
        }

        var expected = (typical * position) - waited;
        return expected < TimeSpan.Zero ? TimeSpan.Zero : expected > left ? left : expected;
    }

    public static TimeSpan? Median(IReadOnlyList<TimeSpan> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

/// <summary>Computes the positions of the whole queue from the read models.</summary>
public sealed class QueuePositions(IConversationReadModel readModel, TimeProvider clock, IOptions<ConversationOptions> options)
{
    private const int MaxEntries = 5000;

    public async Task<IReadOnlyList<QueuePosition>> PositionsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var waiting = await readModel.ListWaitingAsync(MaxEntries, cancellationToken);
        if (waiting.Count == 0)
        {
            return [];
        }

        var typical = QueueEstimate.Median(
            await readModel.RecentWaitTimesAsync(now - QueueEstimate.RecentWindow, QueueEstimate.RecentSample, cancellationToken));
        return waiting
            .Select((w, index) =>
            {
                var waited = now - w.RequestedAt;
                var deadline = options.Value.DeadlineOf(w.Reason, w.RequestedAt);
                var expected = QueueEstimate.ExpectedWait(index + 1, waited, typical, deadline - now);
                return new QueuePosition(
                    w.ConversationId, w.CustomerId, w.Episode, index + 1, waiting.Count, w.RequestedAt,
                    Math.Max(0, waited.TotalSeconds), Math.Round(expected.TotalSeconds, 1), deadline);
            })
            .ToArray();
    }
}

public sealed class GetWaitingPositionsHandler(QueuePositions queue) : IQueryHandler<GetWaitingPositionsQuery, IReadOnlyList<QueuePosition>>
{
    public async ValueTask<IReadOnlyList<QueuePosition>> Handle(GetWaitingPositionsQuery query, CancellationToken cancellationToken) =>
        await queue.PositionsAsync(cancellationToken);
}

/// <summary>
/// Once the read models hold the conversation as its stream does now (so a request the caller just made counts),
/// places it in the queue.
/// </summary>
public sealed class GetQueuePositionHandler(ReadConsistency consistency, IConversationReadModel readModel, QueuePositions queue)
    : IQueryHandler<GetQueuePositionQuery, QueueStatus>
{
    public async ValueTask<QueueStatus> Handle(GetQueuePositionQuery query, CancellationToken cancellationToken)
    {
        await consistency.WaitAsync(query.ConversationId, null, cancellationToken);
        var summary = await readModel.FindAsync(query.ConversationId, cancellationToken) ?? throw ConversationVisibility.NotFound();
        if (summary.Mode != ConversationMode.Waiting)
        {
            return new QueueStatus(query.ConversationId, false, null);
        }

        var positions = await queue.PositionsAsync(cancellationToken);
        var mine = positions.FirstOrDefault(p => p.ConversationId == query.ConversationId && p.Episode == summary.CurrentEpisode);
        return new QueueStatus(query.ConversationId, true, mine);
    }
}

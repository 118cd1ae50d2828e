using Microsoft.Extensions.Options;

namespace ChatClean.Application.Conversations;

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

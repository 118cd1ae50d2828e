using ChatClean.Application.Abstractions.ReadModels;
using ChatClean.Domain.Common;

namespace ChatClean.Infrastructure.ReadModels;

public sealed class EfConversationReadModel(ChatCleanDbContext db, ProjectionProgress progress, TimeProvider clock) : IConversationReadModel
{
    private static readonly string TakenOver = WireNames.Of(EpisodeOutcome.TakenOver);
    private static readonly string TimedOut = WireNames.Of(EpisodeOutcome.TimedOut);

    public Task<IReadOnlyList<ConversationSummary>> ListForCustomerAsync(UserId customerId, int limit, CancellationToken cancellationToken) =>
        NewestAsync(db.Conversations.Where(c => c.CustomerId == customerId.Value), limit, cancellationToken);

    public Task<IReadOnlyList<ConversationSummary>> ListForAgentAsync(UserId agentId, int limit, CancellationToken cancellationToken) =>
        NewestAsync(db.Conversations.Where(c => c.AgentId == agentId.Value), limit, cancellationToken);

    public async Task<IReadOnlyList<WaitingEntry>> ListWaitingAsync(int limit, CancellationToken cancellationToken)
    {
        var rows = await db.WaitingEpisodes.AsNoTracking()
            .Where(e => e.EndedAt == null)
            .OrderBy(e => e.RequestedAt)
            .Take(limit)
            .Join(db.Conversations, e => e.ConversationId, c => c.Id, (e, c) => new { e.ConversationId, e.Episode, e.CustomerId, c.Subject, e.Reason, e.RequestedAt })
            .ToListAsync(cancellationToken);
        return rows
            .Select(r => new WaitingEntry(r.ConversationId, r.Episode, r.CustomerId, r.Subject, WireNames.Parse<HandoffReason>(r.Reason), ConversationRows.Utc(r.RequestedAt)))
            .ToArray();
    }

    public async Task<IReadOnlyList<TimeSpan>> RecentWaitTimesAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        var from = since.UtcDateTime;
        var rows = await db.WaitingEpisodes.AsNoTracking()
            .Where(e => e.EndedAt >= from && (e.Outcome == TakenOver || e.Outcome == TimedOut))
            .OrderByDescending(e => e.EndedAt)
            .Take(limit)
            .Select(e => new { e.RequestedAt, e.EndedAt })
            .ToListAsync(cancellationToken);
        return rows.Select(r => r.EndedAt!.Value - r.RequestedAt).ToArray();
    }

    public async Task<IReadOnlyList<(Guid ConversationId, long Seq)>> ListAwaitingReplyAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var from = since.UtcDateTime;
        var ai = WireNames.Of(ConversationMode.Ai);
        var customer = WireNames.Of(SenderKind.Customer);
        var rows = await db.Conversations.AsNoTracking()
            .Where(c => c.Mode == ai && c.LastMessageAt >= from)
            .Select(c => db.Messages.Where(m => m.ConversationId == c.Id).OrderByDescending(m => m.Seq).Select(m => new { m.ConversationId, m.Seq, m.Sender }).First())
            .ToListAsync(cancellationToken);
        return rows.Where(r => r.Sender == customer).Select(r => (r.ConversationId, r.Seq)).ToArray();
    }

    public Task<ConversationPage> SearchAsync(ConversationFilter filter, CancellationToken cancellationToken) =>
        new ConversationSearch(db).SearchAsync(filter, cancellationToken);

    public async Task<ConversationSummary?> FindAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        var row = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
        return row is null ? null : ConversationRows.ToSummary(row);
    }

    public async Task<IReadOnlyList<MessageView>> MessagesAfterAsync(Guid conversationId, long afterSeq, int limit, CancellationToken cancellationToken) =>
        (await db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId && m.Seq > afterSeq).OrderBy(m => m.Seq).Take(limit).ToListAsync(cancellationToken))
        .Select(ToView).ToArray();

    public async Task<IReadOnlyList<TranscriptMessage>> TranscriptAsync(Guid conversationId, CancellationToken cancellationToken) =>
        (await db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId).OrderBy(m => m.Seq).ToListAsync(cancellationToken))
        .Select(m => new TranscriptMessage(m.Seq, m.MessageId, WireNames.Parse<SenderKind>(m.Sender), m.SenderId, m.Body, m.ClientMessageId, ConversationRows.Utc(m.PostedAt)))
        .ToArray();

    public async Task<IReadOnlyList<EpisodeSummary>> EpisodesAsync(Guid conversationId, CancellationToken cancellationToken) =>
        (await db.WaitingEpisodes.AsNoTracking().Where(e => e.ConversationId == conversationId).OrderBy(e => e.Episode).ToListAsync(cancellationToken))
        .Select(e => new EpisodeSummary(
            e.Episode,
            WireNames.Parse<HandoffReason>(e.Reason),
            ConversationRows.Utc(e.RequestedAt),
            e.EndedAt is { } ended ? ConversationRows.Utc(ended) : null,
            e.Outcome is { } outcome ? WireNames.Parse<EpisodeOutcome>(outcome) : null,
            e.AgentId,
            e.FirstAgentMessageAt is { } first ? ConversationRows.Utc(first) : null))
        .ToArray();

    public async Task<bool> WaitForVersionAsync(Guid conversationId, long version, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        while (true)
        {
            var committed = progress.NextCommit;
            var current = await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId).Select(c => (long?)c.Version).FirstOrDefaultAsync(cancellationToken);
            if (current >= version)
            {
                return true;
            }

            var left = timeout - clock.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            // Woken by this node's next commit; the short delay covers commits made by other nodes.
            await Task.WhenAny(committed, Task.Delay(left < TimeSpan.FromMilliseconds(50) ? left : TimeSpan.FromMilliseconds(50), clock, cancellationToken));
        }
    }

    private static MessageView ToView(MessageRow m) =>
        new(m.ConversationId, m.Seq, m.MessageId, WireNames.Parse<SenderKind>(m.Sender), m.SenderId, m.Body, m.ClientMessageId, ConversationRows.Utc(m.PostedAt));

    private static async Task<IReadOnlyList<ConversationSummary>> NewestAsync(IQueryable<ConversationRow> rows, int limit, CancellationToken cancellationToken) =>
        (await rows.AsNoTracking().OrderByDescending(c => c.StartedAt).Take(limit).ToListAsync(cancellationToken)).Select(ConversationRows.ToSummary).ToArray();
}

using System.Globalization;
using ChatClean.Application.Abstractions.ReadModels;
using ChatClean.Domain.Common;
using ChatClean.Domain.Conversations;
using ChatClean.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Pomelo.EntityFrameworkCore.MySql.Infrastructure;

namespace ChatClean.Infrastructure.ReadModels;

public sealed class EfConversationReadModel(ChatCleanDbContext db, ProjectionProgress progress, TimeProvider clock) : IConversationReadModel
{
    /// <summary>InnoDB's full-text index holds words of at least this many characters (innodb_ft_min_token_size).</summary>
    private const int MinFullTextTerm = 3;


    public async Task<IReadOnlyList<ConversationSummary>> ListForCustomerAsync(UserId customerId, int limit, CancellationToken cancellationToken) =>
        (await db.Conversations.AsNoTracking()
            .Where(c => c.CustomerId == customerId.Value)
            .OrderByDescending(c => c.StartedAt)
            .Take(limit)
            .ToListAsync(cancellationToken))
        .Select(ToSummary).ToArray();

    public async Task<IReadOnlyList<ConversationSummary>> ListForAgentAsync(UserId agentId, int limit, CancellationToken cancellationToken) =>
        (await db.Conversations.AsNoTracking()
            .Where(c => c.AgentId == agentId.Value)
            .OrderByDescending(c => c.StartedAt)
            .Take(limit)
            .ToListAsync(cancellationToken))
        .Select(ToSummary).ToArray();

    public async Task<IReadOnlyList<WaitingEntry>> ListWaitingAsync(int limit, CancellationToken cancellationToken)
    {
        var rows = await db.WaitingEpisodes.AsNoTracking()
            .Where(e => e.EndedAt == null)
            .OrderBy(e => e.RequestedAt)
            .Take(limit)
            .Join(db.Conversations, e => e.ConversationId, c => c.Id, (e, c) => new { e.ConversationId, e.Episode, e.CustomerId, c.Subject, e.Reason, e.RequestedAt })
            .ToListAsync(cancellationToken);
        return rows
            .Select(r => new WaitingEntry(r.ConversationId, r.Episode, r.CustomerId, r.Subject, WireNames.Parse<HandoffReason>(r.Reason), Utc(r.RequestedAt)))
            .ToArray();
    }

    public async Task<IReadOnlyList<TimeSpan>> RecentWaitTimesAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        var from = since.UtcDateTime;
        var rows = await db.WaitingEpisodes.AsNoTracking()
            .Where(e => e.EndedAt >= from && (e.Outcome == ReadModelProjection.Taken || e.Outcome == ReadModelProjection.TimedOut))
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

    public async Task<ConversationPage> SearchAsync(ConversationFilter filter, CancellationToken cancellationToken)
    {
        var query = db.Conversations.AsNoTracking();
        if (filter.Mode is { } mode)
        {
            var name = WireNames.Of(mode);
            query = query.Where(c => c.Mode == name);
        }

        if (filter.AgentId is { } agent)
        {
            query = query.Where(c => c.AgentId == agent);
        }

        if (filter.CustomerId is { } customer)
        {
            query = query.Where(c => c.CustomerId == customer);
        }

        if (filter.StartedFrom is { } from)
        {
            var start = from.UtcDateTime;
            query = query.Where(c => c.StartedAt >= start);
        }

        if (filter.StartedTo is { } to)
        {
            var end = to.UtcDateTime;
            query = query.Where(c => c.StartedAt < end);
        }

        if (filter.After is { } cursor)
        {
            var startedAt = cursor.StartedAt.UtcDateTime;
            var id = cursor.Id;
            query = query.Where(c => c.StartedAt < startedAt || (c.StartedAt == startedAt && c.Id.CompareTo(id) < 0));
        }

        var take = filter.Limit + 1;
        var rows = filter.Text is { } text
            ? await MentioningAsync(query, text, take, cancellationToken)
            : await NewestFirst(query).Take(take).ToListAsync(cancellationToken);
        var items = rows.Take(filter.Limit).Select(ToSummary).ToArray();
        var next = rows.Count > filter.Limit ? new ConversationCursor(items[^1].StartedAt, items[^1].Id).Encode() : null;
        return new ConversationPage(items, next);
    }

    public async Task<ConversationSummary?> FindAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        var row = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
        return row is null ? null : ToSummary(row);
    }

    public async Task<IReadOnlyList<TranscriptMessage>> TranscriptAsync(Guid conversationId, CancellationToken cancellationToken) =>
        (await db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId).OrderBy(m => m.Seq).ToListAsync(cancellationToken))
        .Select(m => new TranscriptMessage(m.Seq, m.MessageId, WireNames.Parse<SenderKind>(m.Sender), m.SenderId, m.Body, m.ClientMessageId, Utc(m.PostedAt)))
        .ToArray();

    public async Task<IReadOnlyList<EpisodeSummary>> EpisodesAsync(Guid conversationId, CancellationToken cancellationToken) =>
        (await db.WaitingEpisodes.AsNoTracking().Where(e => e.ConversationId == conversationId).OrderBy(e => e.Episode).ToListAsync(cancellationToken))
        .Select(e => new EpisodeSummary(
            e.Episode,
            WireNames.Parse<HandoffReason>(e.Reason),
            Utc(e.RequestedAt),
            e.EndedAt is { } ended ? Utc(ended) : null,
            e.Outcome is { } outcome ? OutcomeOf(outcome) : null,
            e.AgentId,
            e.FirstAgentMessageAt is { } first ? Utc(first) : null))
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

    public static EpisodeOutcome OutcomeOf(string outcome) => outcome switch
    {
        ReadModelProjection.Taken => EpisodeOutcome.TakenOver,
        ReadModelProjection.TimedOut => EpisodeOutcome.TimedOut,
        ReadModelProjection.Cancelled => EpisodeOutcome.Cancelled,
        _ => EpisodeOutcome.Closed,
    };

    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    /// <summary>
    /// The newest <paramref name="take"/> conversations of <paramref name="query"/> with a message containing every
    /// word of <paramref name="text"/>. On MySQL, when every word has three or more characters: first the newest
    /// conversations are scanned (common words fill a page there); otherwise the full-text index finds the
    /// conversations whose messages hold the most selective-looking word (one with digits, else the longest), or
    /// else all the words, at the start of a word, and those few are checked for all the words. Other text (short
    /// words, Chinese or Japanese without spaces) and SQLite scan every message. Costs at 1M messages: bench/README.md.
    /// </summary>
    private async Task<List<ConversationRow>> MentioningAsync(IQueryable<ConversationRow> query, string text, int take, CancellationToken cancellationToken)
    {
        const int RecentWindow = 2000;
        const int FewMatches = 2000;
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray()))
            .Where(w => w.Length > 0)
            .ToArray();
        if (!db.Database.IsMySql() || words.Length == 0 || words.Any(w => w.Length < MinFullTextTerm || w.Any(IsCjk)))
        {
            return await NewestFirst(Containing(query, [text])).Take(take).ToListAsync(cancellationToken);
        }

        var recent = await NewestFirst(Containing(NewestFirst(query).Take(RecentWindow), words)).Take(take).ToListAsync(cancellationToken);
        if (recent.Count == take)
        {
            return recent;
        }

        // The index: first the most selective-looking word alone (cheap when it is rare), then every word together
        // (InnoDB reads the whole posting list of each word, ~0.1-0.3 s for a common one at 1M messages).
        var selective = words.OrderByDescending(w => w.Any(char.IsDigit)).ThenByDescending(w => w.Length).First();
        foreach (var boolean in words.Length == 1 ? [$"+{selective}*"] : new[] { $"+{selective}*", string.Join(' ', words.Select(w => $"+{w}*")) })
        {
            var probe = await db.Messages
                .Where(m => EF.Functions.Match(m.Body, boolean, MySqlMatchSearchMode.Boolean) > 0)
                .Select(m => m.ConversationId)
                .Distinct()
                .Take(FewMatches + 1)
                .ToListAsync(cancellationToken);
            if (probe.Count <= FewMatches)
            {
                return await NewestFirst(Containing(query.Where(c => probe.Contains(c.Id)), words)).Take(take).ToListAsync(cancellationToken);
            }
        }

        // Many conversations match, yet not among the newest: the other filters are selective; scan what they leave.
        return await NewestFirst(Containing(query, words)).Take(take).ToListAsync(cancellationToken);
    }

    /// <summary>Conversations with one message that contains every one of <paramref name="parts"/>.</summary>
    private IQueryable<ConversationRow> Containing(IQueryable<ConversationRow> query, string[] parts)
    {
        var messages = parts.Aggregate(
            db.Messages.AsQueryable(),
            (matching, part) =>
            {
                var pattern = "%" + EscapeLike(part) + "%";
                return matching.Where(m => EF.Functions.Like(m.Body, pattern, "\\"));
            });
        return query.Where(c => messages.Any(m => m.ConversationId == c.Id));
    }

    private static IOrderedQueryable<ConversationRow> NewestFirst(IQueryable<ConversationRow> query) =>
        query.OrderByDescending(c => c.StartedAt).ThenByDescending(c => c.Id);

    internal static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private static bool IsCjk(char c) => c is (>= '\u3040' and <= '\u30ff') or (>= '\u3400' and <= '\u4dbf') or (>= '\u4e00' and <= '\u9fff') or (>= '\uac00' and <= '\ud7af');

    private static ConversationSummary ToSummary(ConversationRow row) => new(
        row.Id,
        row.CustomerId,
        WireNames.Parse<ConversationMode>(row.Mode),
        row.AgentId,
        row.Subject,
        row.Version,
        Utc(row.StartedAt),
        row.ClosedAt is { } closed ? Utc(closed) : null,
        row.LastMessageAt is { } last ? Utc(last) : null,
        row.MessageCount,
        new MessageCounts(row.CustomerMessages, row.AiMessages, row.AgentMessages, row.SystemMessages),
        row.HandoffCount,
        row.TakeoverCount,
        row.WaitingReason is { } reason ? WireNames.Parse<HandoffReason>(reason) : null,
        row.WaitingSince is { } since ? Utc(since) : null,
        row.FeedbackRating);
}

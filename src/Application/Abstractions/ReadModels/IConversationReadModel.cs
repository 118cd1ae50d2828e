using ChatClean.Domain.Common;
using ChatClean.Domain.Conversations;

namespace ChatClean.Application.Abstractions.ReadModels;

/// <summary>Queries over the conversation read models (projected from the event log, milliseconds behind it). Never loads aggregates.</summary>
public interface IConversationReadModel
{
    Task<IReadOnlyList<ConversationSummary>> ListForCustomerAsync(UserId customerId, int limit, CancellationToken cancellationToken);

    Task<IReadOnlyList<ConversationSummary>> ListForAgentAsync(UserId agentId, int limit, CancellationToken cancellationToken);

    /// <summary>Open waiting episodes, oldest request first.</summary>
    Task<IReadOnlyList<WaitingEntry>> ListWaitingAsync(int limit, CancellationToken cancellationToken);

    /// <summary>How long the waiting episodes that ended in a takeover or a timeout since <paramref name="since"/> waited, newest first.</summary>
    Task<IReadOnlyList<TimeSpan>> RecentWaitTimesAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken);

    /// <summary>Conversations in <c>ai</c> mode whose last message, posted since <paramref name="since"/>, is the customer's: (id, that message's seq).</summary>
    Task<IReadOnlyList<(Guid ConversationId, long Seq)>> ListAwaitingReplyAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Conversations matching <paramref name="filter"/>, newest first, one keyset page.</summary>
    Task<ConversationPage> SearchAsync(ConversationFilter filter, CancellationToken cancellationToken);

    Task<ConversationSummary?> FindAsync(Guid conversationId, CancellationToken cancellationToken);

    Task<IReadOnlyList<TranscriptMessage>> TranscriptAsync(Guid conversationId, CancellationToken cancellationToken);

    Task<IReadOnlyList<EpisodeSummary>> EpisodesAsync(Guid conversationId, CancellationToken cancellationToken);

    /// <summary>Waits (bounded) until the read model holds at least <paramref name="version"/> of the conversation; false on timeout.</summary>
    Task<bool> WaitForVersionAsync(Guid conversationId, long version, TimeSpan timeout, CancellationToken cancellationToken);
}

public sealed record ConversationSummary(
    Guid Id,
    Guid CustomerId,
    ConversationMode Mode,
    Guid? AgentId,
    string? Subject,
    long Version,
    DateTimeOffset StartedAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? LastMessageAt,
    int MessageCount,
    MessageCounts MessagesBySender,
    int HandoffCount,
    int TakeoverCount,
    HandoffReason? WaitingReason,
    DateTimeOffset? WaitingSince,
    int? FeedbackRating);

public sealed record MessageCounts(int Customer, int Ai, int Agent, int System);

public sealed record WaitingEntry(Guid ConversationId, int Episode, Guid CustomerId, string? Subject, HandoffReason Reason, DateTimeOffset RequestedAt);

public sealed record TranscriptMessage(long Seq, Guid MessageId, SenderKind Sender, Guid? SenderId, string Body, string? ClientMessageId, DateTimeOffset PostedAt);

public sealed record EpisodeSummary(
    int Episode, HandoffReason Reason, DateTimeOffset RequestedAt, DateTimeOffset? EndedAt, EpisodeOutcome? Outcome, Guid? AgentId, DateTimeOffset? FirstAgentMessageAt);

/// <summary>How a waiting episode ended (docs/metrics.md).</summary>
public enum EpisodeOutcome
{
    TakenOver,
    TimedOut,
    Cancelled,
    Closed,
}

/// <summary>Admin conversation search: every field optional; <see cref="Text"/> searches message bodies.</summary>
public sealed record ConversationFilter(
    ConversationMode? Mode,
    Guid? AgentId,
    Guid? CustomerId,
    DateTimeOffset? StartedFrom,
    DateTimeOffset? StartedTo,
    string? Text,
    ConversationCursor? After,
    int Limit);

/// <summary>The keyset position of the last row of a page: newest first by start time, then id.</summary>
public sealed record ConversationCursor(DateTimeOffset StartedAt, Guid Id)
{
    public string Encode() =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{StartedAt.UtcTicks}:{Id:N}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string? value, out ConversationCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        try
        {
            var padded = value.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var parts = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split(':');
            if (parts.Length == 2 && long.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var ticks) &&
                ticks >= 0 && ticks <= DateTimeOffset.MaxValue.UtcTicks && Guid.TryParseExact(parts[1], "N", out var id))
            {
                cursor = new ConversationCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
                return true;
            }
        }
        catch (FormatException)
        {
        }

        return false;
    }
}

public sealed record ConversationPage(IReadOnlyList<ConversationSummary> Items, string? NextCursor);

namespace ChatClean.Application.Abstractions.ReadModels;

/// <summary>
/// Queries over the conversation read models (projected from the event log, milliseconds behind it). Never loads
/// aggregates. A query of one conversation that must include recent writes first waits for a version
/// (<see cref="WaitForVersionAsync"/>, through <see cref="ConversationReads"/>).
/// </summary>
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

    /// <summary>At most <paramref name="limit"/> messages with a seq above <paramref name="afterSeq"/>, oldest first.</summary>
    Task<IReadOnlyList<MessageView>> MessagesAfterAsync(Guid conversationId, long afterSeq, int limit, CancellationToken cancellationToken);

    Task<IReadOnlyList<TranscriptMessage>> TranscriptAsync(Guid conversationId, CancellationToken cancellationToken);

    Task<IReadOnlyList<EpisodeSummary>> EpisodesAsync(Guid conversationId, CancellationToken cancellationToken);

    /// <summary>Waits (bounded) until the read model holds at least <paramref name="version"/> of the conversation; false on timeout.</summary>
    Task<bool> WaitForVersionAsync(Guid conversationId, long version, TimeSpan timeout, CancellationToken cancellationToken);
}

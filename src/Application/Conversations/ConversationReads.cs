namespace ChatClean.Application.Conversations;

/// <summary>
/// The one consistency rule of the queries about one conversation. A read includes <c>minVersion</c> of the
/// conversation, by default everything its stream holds at the time of the question, so a caller always reads its
/// own writes. It is answered from the read models once they hold that version, which takes milliseconds; while
/// they are further behind (a burst, a rebuild), the same fold over the conversation's stream answers instead, so
/// the answer is the same either way. Only a caller who names a <c>minVersion</c> the log itself does not hold yet
/// waits longer (<see cref="MaxWait"/>) and then gets <c>409 read_model.behind</c>.
/// </summary>
public sealed class ConversationReads(IEventStore eventStore, IConversationReadModel readModel)
{
    /// <summary>How long a read with an explicit <c>minVersion</c> waits for the read models.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(2);

    /// <summary>How long a read waits for the read models to hold the caller's own writes before it reads the stream.</summary>
    public static readonly TimeSpan CatchUpWait = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Waits (bounded) until the read models hold the version the read must include; returns that version and whether
    /// they hold it. An explicit <paramref name="minVersion"/> they do not reach in <see cref="MaxWait"/> is a 409.
    /// </summary>
    public async Task<(long Version, bool Held)> WaitAsync(Guid conversationId, long? minVersion, CancellationToken cancellationToken)
    {
        var version = minVersion ?? await eventStore.ReadStreamRevisionAsync(new ConversationId(conversationId).StreamName, cancellationToken);
        if (version == 0 || await readModel.WaitForVersionAsync(conversationId, version, minVersion is null ? CatchUpWait : MaxWait, cancellationToken))
        {
            return (version, true);
        }

        return minVersion is null
            ? (version, false)
            : throw new ConflictException("read_model.behind", $"The read models did not reach version {version} within {MaxWait.TotalSeconds:0} s; retry.");
    }

    /// <summary>The conversation's summary (null when there is none), from the read models, or from its stream while they are behind.</summary>
    public async Task<ConversationSummary?> SummaryAsync(Guid conversationId, long? minVersion, CancellationToken cancellationToken)
    {
        var (_, held) = await WaitAsync(conversationId, minVersion, cancellationToken);
        if (held)
        {
            return await readModel.FindAsync(conversationId, cancellationToken);
        }

        ConversationSummary? summary = null;
        await foreach (var stored in eventStore.ReadStreamToEndAsync(new ConversationId(conversationId).StreamName, 1, cancellationToken))
        {
            summary = ConversationSummary.Evolve(summary, stored.Event, stored.Seq);
        }

        return summary;
    }

    /// <summary>At most <paramref name="limit"/> messages after <paramref name="afterSeq"/>, oldest first, from the read models or, while they are behind, the stream.</summary>
    public async Task<IReadOnlyList<MessageView>> MessagesAfterAsync(Guid conversationId, long afterSeq, int limit, long? minVersion, CancellationToken cancellationToken)
    {
        var (_, held) = await WaitAsync(conversationId, minVersion, cancellationToken);
        return held
            ? await readModel.MessagesAfterAsync(conversationId, afterSeq, limit, cancellationToken)
            : await StreamMessagesAsync(conversationId, afterSeq, limit, cancellationToken);
    }

    /// <summary>Messages straight from the stream: what the AI reads (it must not wait for a projection), and the fallback above.</summary>
    public async Task<IReadOnlyList<MessageView>> StreamMessagesAsync(Guid conversationId, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        var messages = new List<MessageView>();
        await foreach (var stored in eventStore.ReadStreamToEndAsync(
            new ConversationId(conversationId).StreamName, afterSeq + 1, cancellationToken, Math.Clamp(limit + 1, 64, 1000)))
        {
            if (stored.Event is MessagePosted posted)
            {
                messages.Add(MessageView.From(stored.Seq, posted));
                if (messages.Count == limit)
                {
                    break;
                }
            }
        }

        return messages;
    }
}

namespace ChatClean.Application.Conversations;

/// <summary>
/// The read side's one interpretation of a conversation's events: <see cref="Evolve"/> folds them into what every
/// reader needs (the client's view, the admin lists, the read-model row, analytics). The read models store it, and
/// frames and reactors, which see one event at a time, use its per-event parts (<see cref="ModeAfter"/>,
/// <see cref="EpisodeEnd.Of"/>).
/// </summary>
public sealed record ConversationSummary
{
    public Guid Id { get; init; }

    public Guid CustomerId { get; init; }

    public string? Subject { get; init; }

    public ConversationMode Mode { get; init; }

    /// <summary>The agent holding the conversation, or the last one to hold it once closed; null after a release.</summary>
    public Guid? AgentId { get; init; }

    /// <summary>The seq of the last event folded.</summary>
    public long Version { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public ActorKind? ClosedBy { get; init; }

    public DateTimeOffset? LastMessageAt { get; init; }

    public MessageCounts Messages { get; init; } = MessageCounts.None;

    public DateTimeOffset? FirstCustomerMessageAt { get; init; }

    /// <summary>The first AI reply after the first customer message (the end of the AI's first response time).</summary>
    public DateTimeOffset? FirstAiReplyAt { get; init; }

    /// <summary>How many times a human was requested (waiting episodes opened).</summary>
    public int HandoffCount { get; init; }

    public HandoffReason? FirstHandoffReason { get; init; }

    public int TakeoverCount { get; init; }

    /// <summary>The number of the latest waiting episode (0 before the first).</summary>
    public int CurrentEpisode { get; init; }

    public WaitingView? Waiting { get; init; }

    public int? FeedbackRating { get; init; }

    public string? FeedbackComment { get; init; }

    public DateTimeOffset? FeedbackAt { get; init; }

    /// <summary>Closed, answered by the AI and never taken over by an agent (docs/metrics.md).</summary>
    public bool AiResolved => IsAiResolved(ClosedAt is not null, Messages.Ai, TakeoverCount);

    public static bool IsAiResolved(bool closed, int aiMessages, int takeovers) => closed && aiMessages > 0 && takeovers == 0;

    /// <summary>
    /// <paramref name="summary"/> after <paramref name="event"/>, the event at <paramref name="seq"/>. A conversation whose
    /// start was not seen has no summary (null stays null).
    /// </summary>
    public static ConversationSummary? Evolve(ConversationSummary? summary, IConversationEvent @event, long seq)
    {
        if (summary is null)
        {
            return @event is ConversationStarted started
                ? new ConversationSummary { Id = started.ConversationId, CustomerId = started.CustomerId, Subject = started.Subject, Mode = ConversationMode.Ai, StartedAt = started.At, Version = seq }
                : null;
        }

        if (@event is ConversationStarted)
        {
            return summary with { Version = seq };
        }

        var next = summary with { Version = seq, Mode = ModeAfter(@event) ?? summary.Mode };
        if (EpisodeEnd.Of(@event) is not null)
        {
            next = next with { Waiting = null };
        }

        return @event switch
        {
            MessagePosted e => next.Post(e),
            HumanRequested e => next with
            {
                CurrentEpisode = e.Episode,
                Waiting = new WaitingView(e.Episode, e.Reason, e.At),
                HandoffCount = next.HandoffCount + 1,
                FirstHandoffReason = next.FirstHandoffReason ?? e.Reason,
            },
            AgentTookOver e => next with { AgentId = e.AgentId, TakeoverCount = next.TakeoverCount + 1 },
            ConversationReleased => next with { AgentId = null },
            AgentTransferred e => next with { AgentId = e.ToAgentId },
            ConversationClosed e => next with { ClosedAt = e.At, ClosedBy = e.ClosedBy },
            FeedbackGiven e => next with { FeedbackRating = e.Rating, FeedbackComment = e.Comment, FeedbackAt = e.At },
            PersonalDataErased => next with { Subject = null, FeedbackComment = null },
            _ => next,
        };
    }

    /// <summary>The mode <paramref name="event"/> leaves the conversation in; null for a message, which changes none.</summary>
    public static ConversationMode? ModeAfter(IConversationEvent @event) => @event switch
    {
        ConversationStarted or HumanRequestCancelled or TimedOutToAi or ConversationReleased => ConversationMode.Ai,
        HumanRequested => ConversationMode.Waiting,
        AgentTookOver or AgentTransferred => ConversationMode.Human,
        ConversationClosed or FeedbackGiven => ConversationMode.Closed,
        _ => null,
    };

    /// <summary>The agent who holds the conversation after <paramref name="event"/>, when the event hands it to one.</summary>
    public static Guid? HolderAfter(IConversationEvent @event) => @event switch
    {
        AgentTookOver e => e.AgentId,
        AgentTransferred e => e.ToAgentId,
        _ => null,
    };

    private ConversationSummary Post(MessagePosted e) => this with
    {
        Messages = Messages.Add(e.Sender),
        LastMessageAt = e.At,
        FirstCustomerMessageAt = FirstCustomerMessageAt ?? (e.Sender == SenderKind.Customer ? e.At : null),
        FirstAiReplyAt = FirstAiReplyAt ?? (e.Sender == SenderKind.Ai && FirstCustomerMessageAt is not null ? e.At : null),
    };
}

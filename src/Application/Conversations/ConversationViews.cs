using ChatClean.Domain.Conversations;

namespace ChatClean.Application.Conversations;

/// <summary>A conversation as clients see it. <see cref="Version"/> is the seq of its last event.</summary>
public sealed record ConversationView(
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
    WaitingView? Waiting,
    int? FeedbackRating);

/// <summary>The current waiting episode, while the conversation waits for a human.</summary>
public sealed record WaitingView(int Episode, HandoffReason Reason, DateTimeOffset Since);

/// <summary>A message; <see cref="Seq"/> orders it within the conversation and lets a client resume after it.</summary>
public sealed record MessageView(
    Guid ConversationId,
    long Seq,
    Guid MessageId,
    SenderKind Sender,
    Guid? SenderId,
    string Body,
    string? ClientMessageId,
    DateTimeOffset PostedAt)
{
    public static MessageView From(long seq, MessagePosted posted) =>
        new(posted.ConversationId, seq, posted.MessageId, posted.Sender, posted.SenderId, posted.Body, posted.ClientMessageId, posted.At);
}

/// <summary>The answer to a command that may change a conversation: its mode and new version, and whether anything changed.</summary>
public sealed record ConversationChanged(Guid ConversationId, ConversationMode Mode, Guid? AgentId, long Version, bool Changed)
{
    public static ConversationChanged From(ConversationChange change) =>
        new(change.State.Id.Value, change.State.Mode, change.State.AgentId?.Value, change.Version, change.Appended.Count > 0);
}

/// <summary>A page of messages after a seq; <see cref="HasMore"/> says whether more follow the last one.</summary>
public sealed record MessagePage(Guid ConversationId, IReadOnlyList<MessageView> Messages, bool HasMore);

public static class ConversationViewBuilder
{
    /// <summary>Folds a loaded stream into the client's view of it.</summary>
    public static ConversationView Build(LoadedConversation loaded)
    {
        ConversationStarted? started = null;
        DateTimeOffset? closedAt = null;
        DateTimeOffset? lastMessageAt = null;
        var messageCount = 0;
        WaitingView? waiting = null;
        foreach (var stored in loaded.History)
        {
            switch (stored.Event)
            {
                case ConversationStarted e: started = e; break;
                case MessagePosted e: messageCount++; lastMessageAt = e.At; break;
                case HumanRequested e: waiting = new WaitingView(e.Episode, e.Reason, e.At); break;
                case HumanRequestCancelled or AgentTookOver or TimedOutToAI: waiting = null; break;
                case ConversationClosed e: waiting = null; closedAt = e.At; break;
            }
        }

        var state = loaded.State;
        return new ConversationView(
            state.Id.Value,
            state.CustomerId.Value,
            state.Mode,
            state.AgentId?.Value,
            started?.Subject,
            loaded.Version,
            started?.At ?? default,
            closedAt,
            lastMessageAt,
            messageCount,
            waiting,
            state.Feedback?.Value);
    }
}

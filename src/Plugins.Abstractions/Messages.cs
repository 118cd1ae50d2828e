namespace ChatClean.Plugins;

/// <summary>A message about to be stored. <paramref name="SenderKind"/> is <c>customer</c> or <c>agent</c>.</summary>
public sealed record MessageDraft(Guid ConversationId, string SenderKind, Guid? SenderId, string Text);

/// <summary>What a filter decided about a <see cref="MessageDraft"/>.</summary>
public abstract record MessageVerdict
{
    private MessageVerdict()
    {
    }

    /// <summary>Store the text as it is (or as the filters before this one left it).</summary>
    public static MessageVerdict Accept { get; } = new Accepted();

    /// <summary>Store <paramref name="text"/> instead; the next filter sees the new text.</summary>
    public static MessageVerdict Rewrite(string text) => new Rewritten(text);

    /// <summary>Refuse the message: the sender gets <c>422 message.rejected</c> with <paramref name="reason"/>, and nothing is stored.</summary>
    public static MessageVerdict Reject(string reason) => new Rejected(reason);

    public sealed record Accepted : MessageVerdict;

    public sealed record Rewritten(string Text) : MessageVerdict;

    public sealed record Rejected(string Reason) : MessageVerdict;
}

/// <summary>A conversation was started by the customer <paramref name="CustomerId"/>.</summary>
public sealed record ConversationStarted(Guid ConversationId, Guid CustomerId, string? Subject, DateTimeOffset At);

/// <summary>A message was stored at <paramref name="Seq"/>. <paramref name="SenderKind"/> is <c>customer</c>, <c>agent</c>, <c>ai</c> or <c>system</c>.</summary>
public sealed record StoredMessage(Guid ConversationId, long Seq, Guid MessageId, string SenderKind, Guid? SenderId, string Text, DateTimeOffset At);

/// <summary>
/// The conversation's mode changed: <paramref name="Change"/> is <c>handoff</c> (a human was requested), <c>cancel</c>
/// (the request was withdrawn), <c>takeover</c>, <c>timeout</c> (back to the AI), <c>release</c>, <c>transfer</c> or
/// <c>close</c>; the modes are <c>ai</c>, <c>waiting</c>, <c>human</c> and <c>closed</c>.
/// </summary>
public sealed record ModeChange(Guid ConversationId, string Change, string FromMode, string ToMode, Guid? AgentId, DateTimeOffset At);

namespace ChatClean.Domain.Conversations;

/// <summary>
/// What the decider made of a command: new events to append, or why nothing changes. Only <see cref="Changed"/>
/// writes; the others answer with the conversation as it is.
/// </summary>
public abstract record Decision
{
    private Decision()
    {
    }

    /// <summary>Append these events, in this order, in one write.</summary>
    public sealed record Changed(IReadOnlyList<IConversationEvent> Events) : Decision;

    /// <summary>A retried message: the original was posted at <paramref name="Seq"/>.</summary>
    public sealed record AlreadyPosted(long Seq) : Decision;

    /// <summary>An exact repeat: the conversation is already as the command asks (a second takeover by the holder).</summary>
    public sealed record Repeat() : Decision;

    /// <summary>A race already settled: the command no longer applies (a timeout after a takeover, a request while waiting).</summary>
    public sealed record Settled() : Decision;

    /// <summary>An AI answer that lost the race: the AI no longer has the conversation, so nothing is posted.</summary>
    public sealed record Dropped() : Decision;

    public static Decision Append(params IConversationEvent[] events) => new Changed(events);

    /// <summary>The events to append: those of <see cref="Changed"/>, none otherwise.</summary>
    public IReadOnlyList<IConversationEvent> NewEvents => this is Changed changed ? changed.Events : [];
}

namespace ChatClean.Application.Conversations;

/// <summary>What a command did: the decider's decision, the state after it, and the events it appended (none unless it changed something).</summary>
public sealed record CommandResult(Decision Decision, ConversationState State, IReadOnlyList<StoredEvent<IConversationEvent>> Appended)
{
    /// <summary>The conversation's version after the command: the seq of its last event.</summary>
    public long Version => State.Version;

    public bool Changed => Appended.Count > 0;
}

namespace ChatClean.Application.Abstractions;

/// <summary>
/// The write side's memory of the conversations this node wrote or read lately, so a command on a long conversation
/// does not fold its whole stream again. An entry may be behind the log (another node wrote since): the append's
/// expected revision says so, and the write path then reads only what it missed.
/// </summary>
public interface IConversationStateCache
{
    ConversationState? Find(ConversationId id);

    /// <summary>Keeps <paramref name="state"/> unless a newer version of the conversation is kept already.</summary>
    void Keep(ConversationState state);
}

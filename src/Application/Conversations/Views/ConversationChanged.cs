namespace ChatClean.Application.Conversations;

/// <summary>The answer to a command that may change a conversation: its mode and new version, and whether anything changed.</summary>
public sealed record ConversationChanged(Guid ConversationId, ConversationMode Mode, Guid? AgentId, long Version, bool Changed)
{
    public static ConversationChanged From(CommandResult result) =>
        new(result.State.Id.Value, result.State.Mode, result.State.AgentId?.Value, result.Version, result.Changed);
}

namespace ChatClean.Domain.Conversations;

/// <summary>Why a human was requested (the conversation rules: docs/adr/0005-conversation-decider.md).</summary>
public enum HandoffReason
{
    CustomerAsked,
    AiLowConfidence,
    AiFailed,
    Keyword,
    Api,
}

namespace ChatClean.Domain.Conversations;

/// <summary>Why a human was requested (DESIGN.md section 4).</summary>
public enum HandoffReason
{
    CustomerAsked,
    AiLowConfidence,
    AiFailed,
    Keyword,
    Api,
}

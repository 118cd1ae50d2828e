namespace ChatClean.Application.Ai;

/// <summary>What the service tells the customer when the AI hands over, in the customer's language.</summary>
public static class AiNotices
{
    public static string CannotAnswer(string language) => language == "zh"
        ? "抱歉，智能助手暂时无法回答。我已为您转接人工客服，请稍候。"
        : "Sorry, our assistant cannot answer right now. I have asked for a human agent to join you; please wait a moment.";

    public static string HandingOff(string language) => language == "zh"
        ? "好的，我已为您转接人工客服，请稍候。"
        : "I have asked for a human agent to join you; please wait a moment.";
}

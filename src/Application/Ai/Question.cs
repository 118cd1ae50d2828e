namespace ChatClean.Application.Ai;

/// <summary>What the AI is asked when it answers the customer message at a seq.</summary>
public static class Question
{
    /// <summary>
    /// Every customer message since the last answer, up to the one at <paramref name="customerSeq"/>; null when that
    /// is not a customer message, or when the customer or an agent wrote after it (the later message's reply answers
    /// both, or the agent does).
    /// </summary>
    public static string? Of(IReadOnlyList<MessageView> messages, long customerSeq)
    {
        if (!messages.Any(m => m.Seq == customerSeq && m.Sender == SenderKind.Customer) ||
            messages.Any(m => m.Seq > customerSeq && m.Sender is SenderKind.Customer or SenderKind.Agent))
        {
            return null;
        }

        var lastAnswer = messages.LastOrDefault(m => m.Seq < customerSeq && m.Sender != SenderKind.Customer)?.Seq ?? 0;
        return string.Join('\n', messages.Where(m => m.Seq > lastAnswer && m.Seq <= customerSeq).Select(m => m.Body));
    }
}

namespace ChatClean.Domain.Conversations;

/// <summary>
/// The service's answer to the customer message at <paramref name="CustomerSeq"/>: the AI's reply or, with
/// <paramref name="AsSystemNotice"/>, the notice that the AI could not answer. It lands only while the AI has the
/// conversation; with <paramref name="Handoff"/>, a human is requested in the same append. Each customer message is
/// answered once: the answer is keyed by the message's seq.
/// </summary>
public sealed record AnswerCustomer(
    long CustomerSeq, Guid MessageId, MessageBody Body, HandoffReason? Handoff, DateTimeOffset At, bool AsSystemNotice = false) : ConversationCommand(At)
{
    public SenderKind Sender => AsSystemNotice ? SenderKind.System : SenderKind.Ai;

    /// <summary>The client message id the answer is posted under: <c>ai-reply:{seq}</c>, or <c>ai-failed:{seq}</c> for the notice.</summary>
    public string ReplyKey => KeyOf(CustomerSeq, AsSystemNotice);

    public static string KeyOf(long customerSeq, bool asSystemNotice = false) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(asSystemNotice ? "ai-failed" : "ai-reply")}:{customerSeq}");
}

namespace ChatClean.Application.Conversations;

/// <summary>A message; <see cref="Seq"/> orders it within the conversation and lets a client resume after it.</summary>
public sealed record MessageView(
    Guid ConversationId,
    long Seq,
    Guid MessageId,
    SenderKind Sender,
    Guid? SenderId,
    string Body,
    string? ClientMessageId,
    DateTimeOffset PostedAt)
{
    public static MessageView From(long seq, MessagePosted posted) =>
        new(posted.ConversationId, seq, posted.MessageId, posted.Sender, posted.SenderId, posted.Body, posted.ClientMessageId, posted.At);
}

namespace ChatClean.Infrastructure.ReadModels;

/// <summary><c>rm_messages</c>: one row per message, keyed by conversation and seq.</summary>
public sealed class MessagesProjection : IReadModelProjection
{
    public Task LoadAsync(ReadModelPage page, CancellationToken cancellationToken) => Task.CompletedTask;

    public void Apply(ReadModelPage page, ProjectedEvent change)
    {
        if (change.Event is MessagePosted e)
        {
            page.Db.Messages.Add(new MessageRow
            {
                ConversationId = e.ConversationId,
                Seq = change.Stored.Seq,
                MessageId = e.MessageId,
                Sender = WireNames.Of(e.Sender),
                SenderId = e.SenderId,
                Body = e.Body,
                ClientMessageId = e.ClientMessageId,
                PostedAt = e.At.UtcDateTime,
            });
        }
    }
}

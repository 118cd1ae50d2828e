namespace ChatClean.Infrastructure.ReadModels;

/// <summary><c>rm_messages</c>: one row per message, keyed by conversation and seq; an erasure empties the bodies before it.</summary>
public sealed class MessagesProjection : IReadModelProjection
{
    public async Task LoadAsync(ReadModelPage page, CancellationToken cancellationToken)
    {
        var erased = page.Changes.Where(c => c.Event is PersonalDataErased).Select(c => c.After.Id).Distinct().ToArray();
        if (erased.Length > 0)
        {
            await page.Db.Messages.Where(m => erased.Contains(m.ConversationId)).LoadAsync(cancellationToken);
        }
    }

    public void Apply(ReadModelPage page, ProjectedEvent change)
    {
        switch (change.Event)
        {
            case MessagePosted e:
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
                break;
            case PersonalDataErased e:
                foreach (var message in page.Db.Messages.Local.Where(m => m.ConversationId == e.ConversationId && m.Seq < change.Stored.Seq))
                {
                    message.Body = string.Empty;
                }

                break;
        }
    }
}

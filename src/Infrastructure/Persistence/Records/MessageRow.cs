namespace ChatClean.Infrastructure.Persistence;

/// <summary>One row per message, in seq order within its conversation.</summary>
public sealed class MessageRow
{
    public Guid ConversationId { get; set; }

    public long Seq { get; set; }

    public Guid MessageId { get; set; }

    public required string Sender { get; set; }

    public Guid? SenderId { get; set; }

    public required string Body { get; set; }

    public string? ClientMessageId { get; set; }

    public DateTime PostedAt { get; set; }
}

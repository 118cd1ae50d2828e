namespace ChatClean.Infrastructure.ReadModels;

/// <summary>An event of a page with the conversation's summary before and after it (<see cref="ConversationSummary.Evolve"/>).</summary>
public sealed record ProjectedEvent(StoredEvent<IConversationEvent> Stored, ConversationSummary? Before, ConversationSummary After)
{
    public IConversationEvent Event => Stored.Event;

    /// <summary>The UTC day the conversation started on: analytics windows own the conversations that started in them.</summary>
    public DateTime StartDay => After.StartedAt.UtcDateTime.Date;
}

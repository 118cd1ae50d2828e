namespace ChatClean.Application.Webhooks;

/// <summary>
/// The event types a webhook endpoint can subscribe to, and which domain event each one is. Erasures and cancelled
/// human requests are not delivered (they are not part of the public contract, docs/webhooks.md).
/// </summary>
public static class WebhookEventTypes
{
    public const string ConversationStarted = "conversation.started";
    public const string MessagePosted = "message.posted";
    public const string HumanRequested = "human.requested";
    public const string AgentTookOver = "agent.took_over";
    public const string TimedOutToAi = "timed_out.to_ai";
    public const string ConversationReleased = "conversation.released";
    public const string AgentTransferred = "agent.transferred";
    public const string ConversationClosed = "conversation.closed";
    public const string FeedbackGiven = "feedback.given";

    public static readonly IReadOnlyList<string> All =
    [
        ConversationStarted, MessagePosted, HumanRequested, AgentTookOver, TimedOutToAi, ConversationReleased, AgentTransferred,
        ConversationClosed, FeedbackGiven,
    ];

    /// <summary>The webhook type of a domain event, or null when it is not delivered.</summary>
    public static string? Of(IConversationEvent @event) => @event switch
    {
        Domain.Conversations.ConversationStarted => ConversationStarted,
        Domain.Conversations.MessagePosted => MessagePosted,
        Domain.Conversations.HumanRequested => HumanRequested,
        Domain.Conversations.AgentTookOver => AgentTookOver,
        Domain.Conversations.TimedOutToAi => TimedOutToAi,
        Domain.Conversations.ConversationReleased => ConversationReleased,
        Domain.Conversations.AgentTransferred => AgentTransferred,
        Domain.Conversations.ConversationClosed => ConversationClosed,
        Domain.Conversations.FeedbackGiven => FeedbackGiven,
        _ => null,
    };
}

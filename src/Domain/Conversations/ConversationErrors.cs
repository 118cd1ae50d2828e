using ChatClean.Domain.Common;

namespace ChatClean.Domain.Conversations;

/// <summary>The domain errors of a conversation, each with its stable code.</summary>
public static class ConversationErrors
{
    public static DomainException NotStarted() =>
        new("conversation.not_started", "The conversation has not been started.", DomainErrorKind.IllegalTransition);

    public static DomainException AlreadyExists() =>
        new("conversation.already_exists", "A conversation with this id already exists.", DomainErrorKind.IllegalTransition);

    public static DomainException Closed() =>
        new("conversation.closed", "The conversation is closed.", DomainErrorKind.IllegalTransition);

    public static DomainException NotClosed() =>
        new("conversation.not_closed", "Feedback can only be given once the conversation is closed.", DomainErrorKind.IllegalTransition);

    public static DomainException NotWaiting() =>
        new("conversation.not_waiting", "The conversation is not waiting for a human.", DomainErrorKind.IllegalTransition);

    public static DomainException NotInHumanMode() =>
        new("conversation.not_in_human_mode", "No agent holds the conversation.", DomainErrorKind.IllegalTransition);

    public static DomainException AlreadyTaken() =>
        new("conversation.already_taken", "Another agent already holds the conversation.", DomainErrorKind.IllegalTransition);

    public static DomainException FeedbackAlreadyGiven() =>
        new("conversation.feedback_already_given", "Feedback was already given for this conversation.", DomainErrorKind.IllegalTransition);

    public static DomainException TransferToSelf() =>
        new("conversation.transfer_to_self", "An agent cannot transfer a conversation to themselves.", DomainErrorKind.InvalidValue);

    public static DomainException NotAssignedAgent() =>
        new("conversation.not_assigned_agent", "Only the agent holding the conversation may do this.", DomainErrorKind.NotAllowed);


    public static DomainException ActorNotAllowed(ActorKind kind) =>
        new("conversation.actor_not_allowed", $"A {kind.ToString().ToLowerInvariant()} may not do this.", DomainErrorKind.NotAllowed);
}

using ChatClean.Domain.Common;
using static ChatClean.Domain.Conversations.ConversationMode;

namespace ChatClean.Domain.Conversations;

/// <summary>
/// The conversation as a decider: <see cref="Decide"/> turns a command and the current state into new
/// events (none for an exact repeat or a race already settled, an exception for an illegal change);
/// <see cref="Evolve"/> folds one event into the state. Both are pure.
/// </summary>
public static class ConversationDecider
{
    private static readonly IReadOnlyList<IConversationEvent> Nothing = [];

    public static IReadOnlyList<IConversationEvent> Decide(ConversationCommand command, ConversationState state)
    {
        if (command is StartConversation start)
        {
            return Start(start, state);
        }

        if (!state.Exists)
        {
            throw ConversationErrors.NotStarted();
        }

        return command switch
        {
            PostMessage post => Post(post, state),
            RequestHuman request => Request(request, state),
            CancelHumanRequest cancel => Cancel(cancel, state),
            TakeOver takeOver => Take(takeOver, state),
            TimeOutToAi timeout => TimeOut(timeout, state),
            ReleaseToAi release => Release(release, state),
            Transfer transfer => TransferTo(transfer, state),
            Close close => CloseConversation(close, state),
            GiveFeedback feedback => Feedback(feedback, state),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown conversation command."),
        };
    }

    public static ConversationState Evolve(ConversationState state, IConversationEvent @event) => @event switch
    {
        ConversationStarted e => state with { Id = new ConversationId(e.ConversationId), Mode = Ai, CustomerId = new UserId(e.CustomerId) },
        MessagePosted { ClientMessageId: { } clientId } e =>
            state with { ClientMessageKeys = state.ClientMessageKeys.Add(ConversationState.ClientMessageKey(e.Sender, e.SenderId, clientId)) },
        MessagePosted => state,
        HumanRequested e => state with { Mode = Waiting, Episode = e.Episode },
        HumanRequestCancelled => state with { Mode = Ai },
        AgentTookOver e => state with { Mode = Human, AgentId = new UserId(e.AgentId) },
        TimedOutToAI => state with { Mode = Ai },
        HumanSessionEnded => state with { Mode = Ai, AgentId = null },
        AgentTransferred e => state with { AgentId = new UserId(e.ToAgentId) },
        ConversationClosed => state with { Mode = Closed },
        FeedbackGiven e => state with { Feedback = CsatRating.Create(e.Rating), FeedbackComment = e.Comment },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unknown conversation event."),
    };

    public static ConversationState Fold(IEnumerable<IConversationEvent> events) =>
        events.Aggregate(ConversationState.Initial, Evolve);

    private static IReadOnlyList<IConversationEvent> Start(StartConversation command, ConversationState state)
    {
        if (!state.Exists)
        {
            return [new ConversationStarted(command.ConversationId.Value, command.CustomerId.Value, command.Subject, command.At)];
        }

        return state.CustomerId == command.CustomerId ? Nothing : throw ConversationErrors.AlreadyExists();
    }

    private static IReadOnlyList<IConversationEvent> Post(PostMessage command, ConversationState state)
    {
        var sender = command.Sender;
        var senderKind = sender.Kind switch
        {
            ActorKind.Customer => SenderKind.Customer,
            ActorKind.Agent => SenderKind.Agent,
            ActorKind.Ai => SenderKind.Ai,
            ActorKind.System => SenderKind.System,
            _ => throw ConversationErrors.ActorNotAllowed(sender.Kind),
        };

        if (command.ClientMessageId is { } clientId &&
            state.ClientMessageKeys.Contains(ConversationState.ClientMessageKey(senderKind, sender.UserId?.Value, clientId)))
        {
            return Nothing;
        }

        if (state.Mode == Closed)
        {
            throw ConversationErrors.Closed();
        }

        switch (senderKind)
        {
            case SenderKind.Customer when sender.UserId != state.CustomerId:
                throw ConversationErrors.NotParticipant();
            case SenderKind.Agent when state.Mode != Human || sender.UserId != state.AgentId:
                throw ConversationErrors.NotAssignedAgent();
            case SenderKind.Ai when state.Mode != Ai:
                // An AI answer that finishes after a handoff is dropped, never posted into a human session.
                return Nothing;
        }

        return
        [
            new MessagePosted(
                state.Id.Value, command.MessageId, senderKind, sender.UserId?.Value, command.Body.Value, command.ClientMessageId, command.At),
        ];
    }

    private static IReadOnlyList<IConversationEvent> Request(RequestHuman command, ConversationState state)
    {
        EnsureCustomerIsParticipant(command.RequestedBy, state);
        return state.Mode switch
        {
            Ai => [new HumanRequested(state.Id.Value, state.Episode + 1, command.Reason, command.RequestedBy.Kind, command.RequestedBy.UserId?.Value, command.At)],
            Waiting or Human => Nothing,
            _ => throw ConversationErrors.Closed(),
        };
    }

    private static IReadOnlyList<IConversationEvent> Cancel(CancelHumanRequest command, ConversationState state)
    {
        EnsureCustomerIsParticipant(command.By, state);
        return state.Mode switch
        {
            Waiting => [new HumanRequestCancelled(state.Id.Value, state.Episode, command.At)],
            Ai => Nothing,
            Human => throw ConversationErrors.NotWaiting(),
            _ => throw ConversationErrors.Closed(),
        };
    }

    private static IReadOnlyList<IConversationEvent> Take(TakeOver command, ConversationState state) => state.Mode switch
    {
        Ai => [new AgentTookOver(state.Id.Value, command.AgentId.Value, null, command.At)],
        Waiting => [new AgentTookOver(state.Id.Value, command.AgentId.Value, state.Episode, command.At)],
        Human when state.AgentId == command.AgentId => Nothing,
        Human => throw ConversationErrors.AlreadyTaken(),
        _ => throw ConversationErrors.Closed(),
    };

    private static IReadOnlyList<IConversationEvent> TimeOut(TimeOutToAi command, ConversationState state)
    {
        if (state.Mode != Waiting || command.Episode != state.Episode)
        {
            return Nothing;
        }

        var timedOut = new TimedOutToAI(state.Id.Value, state.Episode, command.At);
        return command.Notice is { } notice
            ? [timedOut, new MessagePosted(state.Id.Value, notice.MessageId, SenderKind.System, null, notice.Body.Value, null, command.At)]
            : [timedOut];
    }

    private static IReadOnlyList<IConversationEvent> Release(ReleaseToAi command, ConversationState state) => state.Mode switch
    {
        Human when state.AgentId == command.AgentId => [new HumanSessionEnded(state.Id.Value, command.AgentId.Value, command.At)],
        Human => throw ConversationErrors.NotAssignedAgent(),
        Ai => Nothing,
        Waiting => throw ConversationErrors.NotInHumanMode(),
        _ => throw ConversationErrors.Closed(),
    };

    private static IReadOnlyList<IConversationEvent> TransferTo(Transfer command, ConversationState state)
    {
        if (state.Mode == Closed)
        {
            throw ConversationErrors.Closed();
        }

        if (state.Mode != Human || state.AgentId is not { } holder)
        {
            throw ConversationErrors.NotInHumanMode();
        }

        if (holder == command.ToAgentId)
        {
            return command.By.UserId == command.ToAgentId ? throw ConversationErrors.TransferToSelf() : Nothing;
        }

        var allowed = command.By.Kind == ActorKind.Admin || (command.By.Kind == ActorKind.Agent && command.By.UserId == holder);
        return allowed
            ? [new AgentTransferred(state.Id.Value, holder.Value, command.ToAgentId.Value, command.By.UserId?.Value, command.At)]
            : throw ConversationErrors.NotAssignedAgent();
    }

    private static IReadOnlyList<IConversationEvent> CloseConversation(Close command, ConversationState state)
    {
        if (state.Mode == Closed)
        {
            return Nothing;
        }

        EnsureCustomerIsParticipant(command.By, state);
        if (command.By.Kind == ActorKind.Agent && state.Mode == Human && command.By.UserId != state.AgentId)
        {
            throw ConversationErrors.NotAssignedAgent();
        }

        int? episode = state.Mode == Waiting ? state.Episode : null;
        return [new ConversationClosed(state.Id.Value, command.By.Kind, command.By.UserId?.Value, episode, command.At)];
    }

    private static IReadOnlyList<IConversationEvent> Feedback(GiveFeedback command, ConversationState state)
    {
        if (command.By.Kind != ActorKind.Customer)
        {
            throw ConversationErrors.ActorNotAllowed(command.By.Kind);
        }

        EnsureCustomerIsParticipant(command.By, state);
        if (state.Mode != Closed)
        {
            throw ConversationErrors.NotClosed();
        }

        if (state.Feedback is { } given)
        {
            return given == command.Rating && state.FeedbackComment == command.Comment
                ? Nothing
                : throw ConversationErrors.FeedbackAlreadyGiven();
        }

        return [new FeedbackGiven(state.Id.Value, command.Rating.Value, command.Comment, command.At)];
    }

    private static void EnsureCustomerIsParticipant(Actor actor, ConversationState state)
    {
        if (actor.Kind == ActorKind.Customer && actor.UserId != state.CustomerId)
        {
            throw ConversationErrors.NotParticipant();
        }
    }
}

using static ChatClean.Domain.Conversations.ConversationMode;

namespace ChatClean.Domain.Conversations;

/// <summary>
/// The conversation as a decider: <see cref="Decide"/> turns a command and the current state into a
/// <see cref="Decision"/> (new events, or why nothing changes; an exception for an illegal change), and
/// <see cref="Evolve"/> folds one event into the state. Both are pure. Who may send a command is decided before
/// (permissions, the conversation's visibility); the decider keeps the conversation's own rules.
/// </summary>
public static class ConversationDecider
{
    private static readonly Decision Repeat = new Decision.Repeat();
    private static readonly Decision Settled = new Decision.Settled();
    private static readonly Decision Dropped = new Decision.Dropped();

    public static Decision Decide(ConversationCommand command, ConversationState state)
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
            AnswerCustomer answer => Answer(answer, state),
            RequestHuman request => Request(request, state),
            CancelHumanRequest cancel => Cancel(cancel, state),
            TakeOver takeOver => Take(takeOver, state),
            TimeOutToAi timeout => TimeOut(timeout, state),
            Release release => ReleaseToAi(release, state),
            Transfer transfer => TransferTo(transfer, state),
            Close close => CloseConversation(close, state),
            GiveFeedback feedback => Feedback(feedback, state),
            ErasePersonalData erase => Decision.Append(new PersonalDataErased(state.Id.Value, state.CustomerId.Value, erase.Events, erase.At)),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown conversation command."),
        };
    }

    public static ConversationState Evolve(ConversationState state, IConversationEvent @event)
    {
        var next = state with { Version = state.Version + 1 };
        return @event switch
        {
            ConversationStarted e => next with { Id = new ConversationId(e.ConversationId), Mode = Ai, CustomerId = new Common.UserId(e.CustomerId) },
            MessagePosted { ClientMessageId: { } clientId } e =>
                next with { ClientMessages = next.ClientMessages.SetItem(new ClientMessageKey(e.Sender, e.SenderId, clientId), next.Version) },
            MessagePosted => next,
            HumanRequested e => next with { Mode = Waiting, Episode = e.Episode },
            HumanRequestCancelled or TimedOutToAi => next with { Mode = Ai },
            AgentTookOver e => next with { Mode = Human, AgentId = new Common.UserId(e.AgentId) },
            ConversationReleased => next with { Mode = Ai, AgentId = null },
            AgentTransferred e => next with { AgentId = new Common.UserId(e.ToAgentId) },
            ConversationClosed => next with { Mode = Closed },
            FeedbackGiven e => next with { Feedback = CsatRating.Create(e.Rating), FeedbackComment = e.Comment },
            PersonalDataErased => next with { FeedbackComment = null },
            _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unknown conversation event."),
        };
    }

    public static ConversationState Fold(IEnumerable<IConversationEvent> events) => events.Aggregate(ConversationState.Initial, Evolve);

    private static Decision Start(StartConversation command, ConversationState state)
    {
        if (!state.Exists)
        {
            return Decision.Append(new ConversationStarted(command.ConversationId.Value, command.CustomerId.Value, command.Subject, command.At));
        }

        return state.CustomerId == command.CustomerId ? Repeat : throw ConversationErrors.AlreadyExists();
    }

    private static Decision Post(PostMessage command, ConversationState state)
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
            state.ClientMessages.TryGetValue(new ClientMessageKey(senderKind, sender.UserId?.Value, clientId), out var original))
        {
            return new Decision.AlreadyPosted(original);
        }

        if (state.Mode == Closed)
        {
            throw ConversationErrors.Closed();
        }

        switch (senderKind)
        {
            case SenderKind.Agent when state.Mode != Human || sender.UserId != state.AgentId:
                throw ConversationErrors.NotAssignedAgent();
            case SenderKind.Ai when state.Mode != Ai:
                // An AI answer that finishes after a handoff is dropped, never posted into a human session.
                return Dropped;
        }

        return Decision.Append(new MessagePosted(
            state.Id.Value, command.MessageId, senderKind, sender.UserId?.Value, command.Body.Value, command.ClientMessageId, command.At));
    }

    private static Decision Answer(AnswerCustomer command, ConversationState state)
    {
        if (state.ClientMessages.TryGetValue(new ClientMessageKey(command.Sender, null, command.ReplyKey), out var original))
        {
            return new Decision.AlreadyPosted(original);
        }

        if (state.Mode != Ai)
        {
            return Dropped;
        }

        var answer = new MessagePosted(state.Id.Value, command.MessageId, command.Sender, null, command.Body.Value, command.ReplyKey, command.At);
        return command.Handoff is { } reason
            ? Decision.Append(answer, new HumanRequested(state.Id.Value, state.Episode + 1, reason, ActorKind.Ai, null, command.At))
            : Decision.Append(answer);
    }

    private static Decision Request(RequestHuman command, ConversationState state) => state.Mode switch
    {
        Ai => Decision.Append(new HumanRequested(
            state.Id.Value, state.Episode + 1, command.Reason, command.RequestedBy.Kind, command.RequestedBy.UserId?.Value, command.At)),
        Waiting or Human => Settled,
        _ => throw ConversationErrors.Closed(),
    };

    private static Decision Cancel(CancelHumanRequest command, ConversationState state) => state.Mode switch
    {
        Waiting => Decision.Append(new HumanRequestCancelled(state.Id.Value, state.Episode, command.At)),
        Ai => Repeat,
        Human => throw ConversationErrors.NotWaiting(),
        _ => throw ConversationErrors.Closed(),
    };

    private static Decision Take(TakeOver command, ConversationState state) => state.Mode switch
    {
        Ai => Decision.Append(new AgentTookOver(state.Id.Value, command.AgentId.Value, null, command.At)),
        Waiting => Decision.Append(new AgentTookOver(state.Id.Value, command.AgentId.Value, state.Episode, command.At)),
        Human when state.AgentId == command.AgentId => Repeat,
        Human => throw ConversationErrors.AlreadyTaken(),
        _ => throw ConversationErrors.Closed(),
    };

    private static Decision TimeOut(TimeOutToAi command, ConversationState state)
    {
        if (state.Mode != Waiting || command.Episode != state.Episode)
        {
            return Settled;
        }

        var timedOut = new TimedOutToAi(state.Id.Value, state.Episode, command.At);
        return command.Notice is { } notice
            ? Decision.Append(timedOut, new MessagePosted(state.Id.Value, notice.MessageId, SenderKind.System, null, notice.Body.Value, null, command.At))
            : Decision.Append(timedOut);
    }

    private static Decision ReleaseToAi(Release command, ConversationState state) => state.Mode switch
    {
        Human when state.AgentId == command.AgentId => Decision.Append(new ConversationReleased(state.Id.Value, command.AgentId.Value, command.At)),
        Human => throw ConversationErrors.NotAssignedAgent(),
        Ai => Repeat,
        Waiting => throw ConversationErrors.NotInHumanMode(),
        _ => throw ConversationErrors.Closed(),
    };

    private static Decision TransferTo(Transfer command, ConversationState state)
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
            return command.By.UserId == command.ToAgentId ? throw ConversationErrors.TransferToSelf() : Repeat;
        }

        var allowed = command.By.Kind == ActorKind.Admin || (command.By.Kind == ActorKind.Agent && command.By.UserId == holder);
        return allowed
            ? Decision.Append(new AgentTransferred(state.Id.Value, holder.Value, command.ToAgentId.Value, command.By.UserId?.Value, command.At))
            : throw ConversationErrors.NotAssignedAgent();
    }

    private static Decision CloseConversation(Close command, ConversationState state)
    {
        if (state.Mode == Closed)
        {
            return Repeat;
        }

        if (command.By.Kind == ActorKind.Agent && state.Mode == Human && command.By.UserId != state.AgentId)
        {
            throw ConversationErrors.NotAssignedAgent();
        }

        int? episode = state.Mode == Waiting ? state.Episode : null;
        return Decision.Append(new ConversationClosed(state.Id.Value, command.By.Kind, command.By.UserId?.Value, episode, command.At));
    }

    private static Decision Feedback(GiveFeedback command, ConversationState state)
    {
        if (state.Mode != Closed)
        {
            throw ConversationErrors.NotClosed();
        }

        if (state.Feedback is { } given)
        {
            return given == command.Rating && state.FeedbackComment == command.Comment ? Repeat : throw ConversationErrors.FeedbackAlreadyGiven();
        }

        return Decision.Append(new FeedbackGiven(state.Id.Value, command.Rating.Value, command.Comment, command.At));
    }
}

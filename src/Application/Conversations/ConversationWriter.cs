using ChatClean.Application.Abstractions;

namespace ChatClean.Application.Conversations;

/// <summary>
/// The write path of every conversation command: take the conversation's state (kept in memory, else folded from its
/// stream), decide, append the decision's events with the expected revision. State that may be behind the log is
/// never trusted for an answer: an append that finds the stream moved on, a refusal or a "nothing to do" on such
/// state first reads what the node missed, then decides again. Races settle that way: the second of two takeovers
/// finds the conversation taken. History never leaves this class.
/// </summary>
public sealed class ConversationWriter(IEventStore eventStore, IConversationStateCache states, TimeProvider clock)
{
    private const int PageSize = 1000;
    private const int MaxAttempts = 8;

    /// <summary>The conversation's state as the log holds it now.</summary>
    public async Task<ConversationState> LoadAsync(ConversationId id, CancellationToken cancellationToken)
    {
        var state = await CatchUpAsync(id, states.Find(id) ?? ConversationState.Initial, cancellationToken);
        Keep(state);
        return state;
    }

    /// <param name="commandFor">Builds the domain command from the state and the time it is decided at.</param>
    public async Task<CommandResult> ExecuteAsync(
        ConversationId id, Actor actor, Func<ConversationState, DateTimeOffset, ConversationCommand> commandFor, CancellationToken cancellationToken)
    {
        var state = states.Find(id);
        var current = state is null;
        state ??= await CatchUpAsync(id, ConversationState.Initial, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            Decision decision;
            try
            {
                decision = ConversationDecider.Decide(commandFor(state, Now()), state);
            }
            catch (DomainException) when (!current)
            {
                (state, current) = (await CatchUpAsync(id, state, cancellationToken), true);
                continue;
            }

            if (decision is not Decision.Changed changed)
            {
                if (!current)
                {
                    var caughtUp = await CatchUpAsync(id, state, cancellationToken);
                    (current, var moved) = (true, caughtUp.Version != state.Version);
                    state = caughtUp;
                    if (moved)
                    {
                        continue;
                    }
                }

                Keep(state);
                return new CommandResult(decision, state, []);
            }

            try
            {
                return await AppendAsync(id, actor, state, changed, cancellationToken);
            }
            catch (WrongExpectedRevisionException) when (attempt < MaxAttempts)
            {
                // Someone else wrote first: decide again on what they wrote.
                (state, current) = (await CatchUpAsync(id, state, cancellationToken), true);
            }
            catch (WrongExpectedRevisionException)
            {
                throw new ConflictException("conversation.concurrency_conflict", "The conversation changed too often to apply this change; retry it.");
            }
        }
    }

    private async Task<CommandResult> AppendAsync(
        ConversationId id, Actor actor, ConversationState state, Decision.Changed decision, CancellationToken cancellationToken)
    {
        var metadata = EventMetadata.Of(actor);
        var events = decision.Events.Select(e => new EventToAppend(Guid.CreateVersion7(), e, metadata)).ToArray();
        var result = await eventStore.AppendAsync(id.StreamName, ExpectedRevision.Exact(state.Version), events, cancellationToken);
        var after = decision.Events.Aggregate(state, ConversationDecider.Evolve);
        Keep(after);
        return new CommandResult(decision, after, result.Events);
    }

    /// <summary>Folds what the stream holds after <paramref name="state"/>'s version into it.</summary>
    private async Task<ConversationState> CatchUpAsync(ConversationId id, ConversationState state, CancellationToken cancellationToken)
    {
        await foreach (var stored in eventStore.ReadStreamToEndAsync(id.StreamName, state.Version + 1, cancellationToken, PageSize))
        {
            state = ConversationDecider.Evolve(state, stored.Event);
        }

        return state;
    }

    private void Keep(ConversationState state)
    {
        if (state.Exists)
        {
            states.Keep(state);
        }
    }

    /// <summary>Now, to the microsecond: the precision every store and read model keeps, so all of them show the same times.</summary>
    private DateTimeOffset Now()
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.UtcTicks % 10));
    }
}

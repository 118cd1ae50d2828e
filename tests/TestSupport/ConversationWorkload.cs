using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Domain.Common;
using ChatClean.Domain.Conversations;

namespace ChatClean.TestSupport;

/// <summary>
/// Random but valid conversation histories, made by the real decider from random commands: every event type,
/// repeats and refused commands included. The same seed gives the same histories.
/// </summary>
public static class ConversationWorkload
{
    public static IReadOnlyList<(string StreamId, IReadOnlyList<EventToAppend[]> Appends)> Generate(int seed, int conversations, int agents, DateTimeOffset start)
    {
        var random = new Random(seed);
        var agentIds = Enumerable.Range(0, agents).Select(_ => new UserId(Guid.NewGuid())).ToArray();
        var result = new List<(string, IReadOnlyList<EventToAppend[]>)>();
        for (var i = 0; i < conversations; i++)
        {
            var id = new ConversationId(Guid.NewGuid());
            var customer = new UserId(Guid.NewGuid());
            var at = start.AddSeconds(i * 7);
            var state = ConversationState.Initial;
            var appends = new List<EventToAppend[]>();
            var steps = random.Next(2, 24);
            for (var step = 0; step < steps; step++)
            {
                at = at.AddSeconds(random.Next(1, 90));
                var command = step == 0 ? new StartConversation(id, customer, $"subject {i}", at) : Next(random, state, customer, agentIds, at);
                IReadOnlyList<IConversationEvent> events;
                try
                {
                    events = ConversationDecider.Decide(command, state).NewEvents;
                }
                catch (DomainException)
                {
                    continue;
                }

                if (events.Count == 0)
                {
                    continue;
                }

                state = events.Aggregate(state, ConversationDecider.Evolve);
                appends.Add(events.Select(e => new EventToAppend(Guid.NewGuid(), e, EventMetadata.None)).ToArray());
            }

            result.Add((id.StreamName, appends));
        }

        return result;
    }

    /// <summary>Appends the histories with many writers at once (each conversation's appends in order).</summary>
    public static async Task<int> AppendAsync(IEventStore store, IReadOnlyList<(string StreamId, IReadOnlyList<EventToAppend[]> Appends)> workload, int writers = 32)
    {
        var events = 0;
        await Parallel.ForEachAsync(workload, new ParallelOptions { MaxDegreeOfParallelism = writers }, async (conversation, ct) =>
        {
            foreach (var append in conversation.Appends)
            {
                await store.AppendAsync(conversation.StreamId, ExpectedRevision.Any, append, ct);
                Interlocked.Add(ref events, append.Length);
            }
        });
        return events;
    }

    private static ConversationCommand Next(Random random, ConversationState state, UserId customer, UserId[] agents, DateTimeOffset at)
    {
        var agent = state.AgentId ?? agents[random.Next(agents.Length)];
        var body = MessageBody.Create($"message {random.Next(1000)} about invoice {random.Next(100)}");
        return random.Next(14) switch
        {
            0 or 1 or 2 => new PostMessage(Guid.NewGuid(), Actor.Customer(customer), body, random.Next(4) == 0 ? $"c-{random.Next(5)}" : null, at),
            3 or 4 => new PostMessage(Guid.NewGuid(), Actor.Ai, body, null, at),
            5 => new PostMessage(Guid.NewGuid(), Actor.Agent(agent), body, null, at),
            6 => new RequestHuman((HandoffReason)random.Next(5), Actor.Customer(customer), at),
            7 => new TakeOver(agents[random.Next(agents.Length)], at),
            8 => new TimeOutToAi(state.Episode, at),
            9 => new CancelHumanRequest(Actor.Customer(customer), at),
            10 => new Release(agent, at),
            11 => new Transfer(Actor.Agent(agent), agents[random.Next(agents.Length)], at),
            12 => new Close(Actor.Customer(customer), at),
            _ => new GiveFeedback(Actor.Customer(customer), CsatRating.Create(random.Next(1, 6)), null, at),
        };
    }
}

using System.Diagnostics;
using System.Globalization;
using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Infrastructure.EventStore;
using ChatClean.Domain.Common;
using ChatClean.Domain.Conversations;

namespace ChatClean.Bench;

/// <summary>
/// Conversation histories at scale, through the real decider: each conversation has a customer (one of
/// <c>customers</c>), <c>messages</c> messages between customer and AI, every fifth a handoff taken over by an agent
/// who answers, most of them closed and a third rated. Start times spread over the 30 days before <c>end</c>.
/// </summary>
public sealed class Seeder(int conversations, int messages, Guid[] customers, Guid[] agents, DateTimeOffset end)
{
    private static readonly string[] Words =
        ["invoice", "refund", "delivery", "password", "account", "order", "payment", "shipping", "warranty", "discount", "subscription", "address"];

    /// <summary>Appends every history through the event store, 32 at a time: how many events, in how many seconds.</summary>
    public static async Task<(long Events, double Seconds)> SeedAsync(string connectionString, Seeder seeder)
    {
        await using var store = BenchContext.OpenEventStore(connectionString);
        long events = 0;
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(seeder.Histories(seed: 1), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (history, ct) =>
        {
            await store.AppendAsync(history.StreamId, ExpectedRevision.NoStream, history.Events, ct);
            Interlocked.Add(ref events, history.Events.Length);
        });
        return (events, watch.Elapsed.TotalSeconds);
    }

    public IEnumerable<(string StreamId, EventData[] Events)> Histories(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < conversations; i++)
        {
            var id = new ConversationId(Guid.NewGuid());
            var customer = new UserId(customers[random.Next(customers.Length)]);
            var at = end.AddDays(-30).AddSeconds(random.NextDouble() * 30 * 24 * 3600 * 0.99);
            var state = ConversationState.Initial;
            var events = new List<IConversationEvent>();

            void Do(ConversationCommand command)
            {
                var decided = ConversationDecider.Decide(command, state).NewEvents;
                state = decided.Aggregate(state, ConversationDecider.Evolve);
                events.AddRange(decided);
            }

            DateTimeOffset Next() => at = at.AddSeconds(random.Next(1, 40));

            Do(new StartConversation(id, customer, $"Question about {Words[random.Next(Words.Length)]}", at));
            var handoff = i % 5 == 0;
            var agent = new UserId(agents[random.Next(agents.Length)]);
            for (var m = 0; m < messages; m++)
            {
                if (handoff && m == messages / 2)
                {
                    Do(new RequestHuman(HandoffReason.CustomerAsked, Actor.Customer(customer), Next()));
                    Do(new TakeOver(agent, Next()));
                }

                var sender = m % 2 == 0 ? Actor.Customer(customer) : state.Mode == ConversationMode.Human ? Actor.Agent(agent) : Actor.Ai;
                var text = string.Create(CultureInfo.InvariantCulture, $"{Words[random.Next(Words.Length)]} {Words[random.Next(Words.Length)]} number {random.Next(100000)}");
                Do(new PostMessage(Guid.NewGuid(), sender, MessageBody.Create(text), null, Next()));
            }

            if (random.Next(10) < 8)
            {
                Do(new Close(Actor.Customer(customer), Next()));
                if (random.Next(3) == 0)
                {
                    Do(new GiveFeedback(Actor.Customer(customer), CsatRating.Create(random.Next(1, 6)), null, Next()));
                }
            }

            yield return (id.StreamName, events.Select(e => ConversationEventSerializer.ToEventData(new EventToAppend(Guid.NewGuid(), e, EventMetadata.None))).ToArray());
        }
    }
}

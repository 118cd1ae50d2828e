using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Domain.Conversations;
using ChatClean.Infrastructure.EventStore;

namespace ChatClean.Bench;

/// <summary>
/// The cost of every chat message: one event per append through <see cref="IEventStore"/>, each caller on its own
/// stream with the exact expected revision, from 1, 8 and 64 callers, each point beside raw INSERTs at the same
/// concurrency measured just before it. Goals (issue 16): ≥ 0.5× at 1, ≥ 1× at 8, ≥ 2× at 64.
/// </summary>
public sealed class AppendScenario : IScenario
{
    private static readonly (int Callers, double Goal)[] Points = [(1, 0.5), (8, 1), (64, 2)];

    public string Name => "append";

    public bool InQuickRun => true;

    public async Task RunAsync(BenchContext context)
    {
        await using var database = await BenchContext.MigratedDatabaseAsync();
        await context.Report.ReadServerSettingsAsync(database.ConnectionString);
        await RawInserts.CreateTableAsync(database.ConnectionString);
        await using var raw = BenchContext.OpenEventStore(database.ConnectionString);
        var store = new ConversationEventStore(raw);
        var only = context.Text("--callers", string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);
        foreach (var (callers, goal) in Points.Where(p => only.Length == 0 || only.Contains(p.Callers.ToString(System.Globalization.CultureInfo.InvariantCulture))))
        {
            var rounds = new List<(Throughput Baseline, Throughput Appends, double PerCommit)>();
            for (var round = 0; round < context.Rounds; round++)
            {
                var baseline = await RawInserts.MeasureAsync(database.ConnectionString, callers, context.Point);
                var batchesBefore = raw.Statistics.Batches;
                var appends = await Throughput.MeasureAsync(
                    callers, context.Point, _ => Task.FromResult(new Caller(new ConversationId(Guid.NewGuid()))), async (caller, _) => await caller.AppendAsync(store));
                rounds.Add((baseline, appends, appends.Operations / (double)Math.Max(1, raw.Statistics.Batches - batchesBefore)));
            }

            var median = rounds.OrderBy(r => r.Appends.PerSecond / r.Baseline.PerSecond).ElementAt(rounds.Count / 2);
            context.Report.Add(new Figure(
                Name, $"{callers} caller{(callers == 1 ? string.Empty : "s")}, one event per append", median.Appends.PerSecond, "appends/s",
                $"raw INSERT at {callers}", median.Baseline.PerSecond, goal,
                new Dictionary<string, double>
                {
                    ["p50Ms"] = median.Appends.P50Ms, ["p99Ms"] = median.Appends.P99Ms,
                    ["baselineP50Ms"] = median.Baseline.P50Ms, ["baselineP99Ms"] = median.Baseline.P99Ms,
                    ["appendsPerCommit"] = median.PerCommit, ["rounds"] = rounds.Count,
                    ["ratioMin"] = rounds.Min(r => r.Appends.PerSecond / r.Baseline.PerSecond), ["ratioMax"] = rounds.Max(r => r.Appends.PerSecond / r.Baseline.PerSecond),
                }));
        }
    }

    /// <summary>One caller: its own conversation stream, appended to with the revision it last wrote.</summary>
    private sealed class Caller(ConversationId id)
    {
        private long _revision;

        public async Task AppendAsync(ConversationEventStore store)
        {
            IConversationEvent @event = _revision == 0
                ? new ConversationStarted(id.Value, Guid.NewGuid(), "bench", DateTimeOffset.UtcNow)
                : new MessagePosted(id.Value, Guid.NewGuid(), SenderKind.Customer, null, "Where is my parcel? It should have arrived yesterday.", "c-17", DateTimeOffset.UtcNow);
            var result = await store.AppendAsync(
                id.StreamName, ExpectedRevision.Exact(_revision), [new EventToAppend(Guid.CreateVersion7(), @event, EventMetadata.None)], CancellationToken.None);
            _revision = result.StreamRevision;
        }
    }
}

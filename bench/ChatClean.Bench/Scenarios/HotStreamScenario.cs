using System.Collections.Concurrent;
using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Domain.Conversations;
using ChatClean.Infrastructure.EventStore;

namespace ChatClean.Bench;

/// <summary>
/// Sixteen writers on one conversation, each appending with the exact revision it last saw and, when another writer
/// came first, reading the new revision and trying again: every conflict is counted, and at the end the stream holds
/// exactly the appends that were acknowledged, at dense revisions.
/// </summary>
public sealed class HotStreamScenario : IScenario
{
    private const int Writers = 16;

    public string Name => "hot-stream";

    public bool InQuickRun => true;

    public async Task RunAsync(BenchContext context)
    {
        await using var database = await BenchContext.MigratedDatabaseAsync();
        await using var raw = BenchContext.OpenEventStore(database.ConnectionString);
        var store = new ConversationEventStore(raw);
        var id = new ConversationId(Guid.NewGuid());
        await store.AppendAsync(
            id.StreamName, ExpectedRevision.NoStream, [new(Guid.NewGuid(), new ConversationStarted(id.Value, Guid.NewGuid(), "hot", DateTimeOffset.UtcNow), EventMetadata.None)], default);
        var acknowledged = new ConcurrentBag<Guid>();
        long conflicts = 0;
        var result = await Throughput.MeasureAsync(
            Writers,
            context.Point,
            _ => Task.FromResult(new long[] { 1 }),
            async (seen, _) =>
            {
                while (true)
                {
                    var eventId = Guid.CreateVersion7();
                    var posted = new MessagePosted(id.Value, Guid.NewGuid(), SenderKind.Customer, null, "hot", null, DateTimeOffset.UtcNow);
                    try
                    {
                        seen[0] = (await store.AppendAsync(id.StreamName, ExpectedRevision.Exact(seen[0]), [new(eventId, posted, EventMetadata.None)], default)).StreamRevision;
                        acknowledged.Add(eventId);
                        return;
                    }
                    catch (WrongExpectedRevisionException conflict)
                    {
                        Interlocked.Increment(ref conflicts);
                        seen[0] = conflict.ActualRevision;
                    }
                }
            });

        var stored = await store.ReadStreamAsync(id.StreamName, 2, int.MaxValue, default);
        var lost = acknowledged.Except(stored.Select(e => e.EventId)).Count();
        var dense = stored.Select((e, i) => e.Seq == i + 2).All(ok => ok);
        context.Report.Add(new Figure(
            Name, $"{Writers} writers on one stream, exact revisions", result.PerSecond, "appends/s",
            Detail: new Dictionary<string, double>
            {
                ["acknowledged"] = acknowledged.Count, ["stored"] = stored.Count, ["lost"] = lost, ["conflicts"] = conflicts,
                ["revisionsDense"] = dense ? 1 : 0, ["p50Ms"] = result.P50Ms, ["p99Ms"] = result.P99Ms,
            }));
        if (lost != 0 || stored.Count != acknowledged.Count || !dense)
        {
            throw new InvalidOperationException($"The hot stream lost or doubled appends: {acknowledged.Count} acknowledged, {stored.Count} stored, {lost} lost, dense {dense}.");
        }
    }
}

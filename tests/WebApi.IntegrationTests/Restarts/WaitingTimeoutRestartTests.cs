using System.Net;
using ChatClean.Domain.Conversations;
using ChatClean.Infrastructure.EventStore;
using ChatClean.Infrastructure.Scheduling;
using ChatClean.TestSupport;
using ChatClean.WebApi.IntegrationTests.Realtime;
using StackExchange.Redis;
using static ChatClean.WebApi.IntegrationTests.TestConversations;

namespace ChatClean.WebApi.IntegrationTests.Restarts;

/// <summary>Waiting timeouts across process deaths: nodes are killed while timeouts are pending.</summary>
[Collection(nameof(RedisRestart))]
public sealed class WaitingTimeoutRestartTests : ServiceNodeTests
{
    /// <summary>How late a timeout may fire (the schedule poll is 0.5 s): "within a second or two".</summary>
    private static readonly TimeSpan Lateness = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Pending_timeouts_fire_exactly_once_after_a_restart_the_overdue_ones_at_once()
    {
        var node = await StartAsync(embedded: false);
        var (customer, admin) = await UsersAsync(node);
        var overdue = await WaitingAsync(node, customer, count: 3);
        var pending = await WaitingAsync(node, customer, count: 3, requester: admin);
        await ArmedAsync([.. overdue, .. pending]);

        Kill(node);
        var requested = await RequestTimesAsync(embedded: false, [.. overdue, .. pending]);
        await Task.Delay(requested[overdue[^1]] + Wait + TimeSpan.FromSeconds(1) - DateTimeOffset.UtcNow);

        await StartAsync(embedded: false);
        var ready = DateTimeOffset.UtcNow;
        var timedOut = await TimedOutAsync(embedded: false, [.. overdue, .. pending]);

        foreach (var id in overdue)
        {
            // Its deadline passed while no node ran: it fires as soon as the node is back.
            timedOut[id].At.ShouldBeGreaterThan(requested[id] + Wait);
            (timedOut[id].At - ready).ShouldBeLessThan(Lateness);
        }

        foreach (var id in pending)
        {
            (requested[id] + ApiWait).ShouldBeGreaterThan(ready, "the test needs these deadlines after the restart");
            (timedOut[id].At - (requested[id] + ApiWait)).ShouldBeInRange(TimeSpan.Zero, Lateness);
        }
    }

    [Fact]
    public async Task A_second_node_fires_the_timeouts_of_a_node_that_died_exactly_once()
    {
        var nodeA = await StartAsync(embedded: false);
        var nodeB = await StartAsync(embedded: false);
        var (customer, admin) = await UsersAsync(nodeA);

        // Requested through the API (the longer wait), so that node A dies before any of them is due: a job A had
        // already fetched when it died would wait for the job storage's invisibility timeout instead.
        var ids = await WaitingAsync(nodeA, customer, count: 3, requester: admin);
        using (var onB = Client(nodeB, customer))
        using (var adminOnB = Client(nodeB, admin))
        {
            // Requested through B while both nodes follow the log: both arm it, one job exists.
            var id = (await (await onB.PostAsync("/api/v1/conversations")).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");
            await (await adminOnB.PostAsync($"/api/v1/conversations/{id}/human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);
            ids.Add(id);
        }

        await ArmedAsync(ids);
        Kill(nodeA);
        var killed = DateTimeOffset.UtcNow;

        var requested = await RequestTimesAsync(embedded: false, ids);
        var timedOut = await TimedOutAsync(embedded: false, ids);
        foreach (var id in ids)
        {
            (requested[id] + ApiWait).ShouldBeGreaterThan(killed, "the test needs these deadlines after node A died");
            (timedOut[id].At - (requested[id] + ApiWait)).ShouldBeInRange(TimeSpan.Zero, Lateness);
        }
    }

    [Fact]
    public async Task The_embedded_default_rearms_the_timeouts_its_in_memory_job_storage_lost()
    {
        var node = await StartAsync(embedded: true);
        var (customer, _) = await UsersAsync(node);
        var ids = await WaitingAsync(node, customer, count: 3);
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        Kill(node);
        var requested = await RequestTimesAsync(embedded: true, ids);
        await Task.Delay(requested[ids[^1]] + Wait + TimeSpan.FromSeconds(1) - DateTimeOffset.UtcNow);

        await StartAsync(embedded: true);
        var ready = DateTimeOffset.UtcNow;
        var timedOut = await TimedOutAsync(embedded: true, ids);
        foreach (var id in ids)
        {
            (timedOut[id].At - ready).ShouldBeLessThan(Lateness);
        }
    }

    /// <summary>Conversations of the customer, each put in waiting by <paramref name="requester"/> (by default the customer; an admin's request has reason api).</summary>
    private static async Task<List<string>> WaitingAsync(Uri node, string customer, int count, string? requester = null)
    {
        using var owner = Client(node, customer);
        using var requesting = Client(node, requester ?? customer);
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var id = (await (await owner.PostAsync("/api/v1/conversations")).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");
            await (await requesting.PostAsync($"/api/v1/conversations/{id}/human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);
            ids.Add(id);
        }

        return ids;
    }

    /// <summary>Waits until every episode has its job in the shared Redis job storage.</summary>
    private async Task ArmedAsync(IEnumerable<string> ids)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestEnvironment.Redis);
        foreach (var id in ids)
        {
            var key = $"{Prefix}:hangfire:{HangfireJobScheduler.WaitingTimeoutKey(Guid.Parse(id), 1)}";
            await Eventually.ReturnsAsync(() => redis.GetDatabase().HashExistsAsync(key, "job"), armed => armed, what: $"the job of {id}");
        }
    }

    private async Task<Dictionary<string, DateTimeOffset>> RequestTimesAsync(bool embedded, IReadOnlyList<string> ids)
    {
        await using var store = Store(embedded);
        var times = new Dictionary<string, DateTimeOffset>();
        foreach (var id in ids)
        {
            times[id] = (await EventsAsync(new ConversationEventStore(store), id)).OfType<HumanRequested>().Single().At;
        }

        return times;
    }

    /// <summary>Waits until every conversation has timed out, and checks it did so exactly once.</summary>
    private async Task<Dictionary<string, TimedOutToAi>> TimedOutAsync(bool embedded, IReadOnlyList<string> ids)
    {
        await using var store = Store(embedded);
        var result = new Dictionary<string, TimedOutToAi>();
        foreach (var id in ids)
        {
            var events = await Eventually.ReturnsAsync(
                () => EventsAsync(new ConversationEventStore(store), id), e => e.OfType<TimedOutToAi>().Any(), TimeSpan.FromSeconds(60), $"the timeout of {id}");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
            events = await EventsAsync(new ConversationEventStore(store), id);
            events.OfType<TimedOutToAi>().Count().ShouldBe(1, $"conversation {id} timed out once");
            events.OfType<MessagePosted>().Count(m => m.Sender == SenderKind.System).ShouldBe(1);
            result[id] = events.OfType<TimedOutToAi>().Single();
        }

        return result;
    }
}

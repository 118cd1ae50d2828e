using ChatClean.Application.Abstractions.Jobs;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Application.Conversations;
using ChatClean.Domain.Conversations;
using ChatClean.Infrastructure.Scheduling;
using ChatClean.TestSupport;
using ChatClean.WebApi.IntegrationTests.Realtime;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace ChatClean.WebApi.IntegrationTests;

/// <summary>
/// Waiting timeouts with Hangfire on Redis and the event log on MariaDB, with a 2-second wait (30 s when an admin
/// asks through the API). Times are read from the event log: every <c>TimedOutToAi</c> is checked against the
/// deadline of its episode.
/// </summary>
public sealed class WaitingTimeoutTests(WaitingTimeoutTests.Api api) : IClassFixture<WaitingTimeoutTests.Api>
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan ApiWait = TimeSpan.FromSeconds(30);

    /// <summary>How late a timeout may fire: the schedule poll is 0.5 s; the rest is slack for a loaded CI machine.</summary>
    private static readonly TimeSpan Lateness = TimeSpan.FromSeconds(1.5);

    public sealed class Api : ChatCleanApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
        [
            new("Conversations:WaitingTimeout", "00:00:02"),
            new("Conversations:WaitingTimeoutByReason:api", "00:00:30"),
        ];
    }

    private Uri Server => api.Anonymous().BaseAddress!;

    [Fact]
    public async Task A_waiting_conversation_falls_back_to_the_ai_at_its_deadline_and_the_customer_is_told()
    {
        using var customer = await api.RegisterCustomerAsync();
        var id = await StartAsync(customer);
        await using var ws = await WsClient.ConnectAsync(Server, customer.AccessToken);
        await ws.SendAsync(new { type = "resume", conversationId = id });
        await ws.ExpectTypeAsync("resumed");

        await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var position = await ws.ExpectAsync(f => f.Type() == "queue.position" && f.Text("conversationId") == id, "the customer's place in the queue");
        position["position"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(1);
        position["expectedWaitSeconds"]!.GetValue<double>().ShouldBeInRange(0, Wait.TotalSeconds);

        var state = await ws.ExpectAsync(f => f.Type() == "conversation.state" && f.Text("event") == "TimedOutToAI", "the timeout", TimeSpan.FromSeconds(10));
        state.Text("mode").ShouldBe("ai");
        var notice = await ws.ExpectAsync(f => f.Type() == "message" && f.Seq() == state.Seq() + 1, "the notice to the customer");
        notice["sender"]!["kind"]!.GetValue<string>().ShouldBe("system");
        notice.Text("body")!.ShouldContain("No agent is free");

        var events = await EventsAsync(id);
        var requested = events.OfType<HumanRequested>().Single();
        var timedOut = events.OfType<TimedOutToAi>().Single();
        timedOut.Episode.ShouldBe(1);
        (timedOut.At - requested.At).ShouldBeInRange(Wait, Wait + Lateness);

        var job = await Eventually.ReturnsAsync(
            () => Task.FromResult(Scheduler.InspectWaitingTimeout(Guid.Parse(id), 1)), j => j.Ended && j.State == "Succeeded", what: "the job done and the episode marked ended");
        job.JobId.ShouldNotBeNull();
        (await api.Anonymous().GetStringAsync("/metrics")).ShouldContain("chatclean_waiting_timeout_lateness_milliseconds_bucket");
    }

    [Fact]
    public async Task The_wait_is_configured_per_reason()
    {
        using var customer = await api.RegisterCustomerAsync();
        using var admin = await api.AdminAsync();
        var id = await StartAsync(customer);

        await (await admin.Http.PostAsync($"/api/v1/conversations/{id}/human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var status = await customer.Http.GetFromJsonAsync<JsonObject>($"/api/v1/conversations/{id}/queue");
        status!["waiting"]!.GetValue<bool>().ShouldBeTrue();
        var queue = status["queue"]!;
        (queue["timesOutAt"]!.GetValue<DateTimeOffset>() - queue["waitingSince"]!.GetValue<DateTimeOffset>()).ShouldBe(ApiWait);

        // Well past the default wait, the request made through the API is still waiting.
        await Task.Delay(Wait + Lateness + TimeSpan.FromSeconds(1));
        (await EventsAsync(id)).OfType<TimedOutToAi>().ShouldBeEmpty();
        Scheduler.InspectWaitingTimeout(Guid.Parse(id), 1).State.ShouldBe("Scheduled");
        await (await admin.Http.PostAsync($"/api/v1/conversations/{id}/close")).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_takeover_cancellation_or_close_deletes_the_pending_job_and_nothing_times_out()
    {
        using var customer = await api.RegisterCustomerAsync();
        using var agent = await api.CreateStaffAsync("agent");
        var taken = await StartAsync(customer);
        var cancelled = await StartAsync(customer);
        var closed = await StartAsync(customer);
        foreach (var id in new[] { taken, cancelled, closed })
        {
            await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);
            await Eventually.ReturnsAsync(() => Task.FromResult(Scheduler.InspectWaitingTimeout(Guid.Parse(id), 1).State), s => s == "Scheduled", what: "the job to be armed");
        }

        await (await agent.Http.PostAsync($"/api/v1/conversations/{taken}/takeover")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await customer.Http.PostAsync($"/api/v1/conversations/{cancelled}/cancel-human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await customer.Http.PostAsync($"/api/v1/conversations/{closed}/close")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        foreach (var id in new[] { taken, cancelled, closed })
        {
            var job = await Eventually.ReturnsAsync(() => Task.FromResult(Scheduler.InspectWaitingTimeout(Guid.Parse(id), 1)), j => j.Ended, what: "the episode to be marked ended");
            job.State.ShouldBe("Deleted");
        }

        await Task.Delay(Wait + Lateness);
        foreach (var id in new[] { taken, cancelled, closed })
        {
            (await EventsAsync(id)).OfType<TimedOutToAi>().ShouldBeEmpty();
        }
    }

    [Fact]
    public async Task A_takeover_racing_the_timeout_has_exactly_one_winner_every_time()
    {
        using var customer = await api.RegisterCustomerAsync();
        using var agent = await api.CreateStaffAsync("agent");
        const int Rounds = 24;
        var ids = new List<string>();
        for (var i = 0; i < Rounds; i++)
        {
            var id = await StartAsync(customer);
            await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);
            ids.Add(id);
        }

        // Each takeover is sent at its own offset from the deadline, from 60 ms before it to 60 ms after it.
        var races = ids.Select(async (id, i) =>
        {
            var requested = (await EventsAsync(id)).OfType<HumanRequested>().Single();
            var sendAt = requested.At + Wait + TimeSpan.FromMilliseconds(-60 + (120.0 * i / (Rounds - 1)));
            var delay = sendAt - DateTimeOffset.UtcNow;
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay);
            }

            using var response = await agent.Http.PostAsync($"/api/v1/conversations/{id}/takeover");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        });
        await Task.WhenAll(races);
        await Task.Delay(Lateness);

        var timeoutsWon = 0;
        foreach (var id in ids)
        {
            var events = await EventsAsync(id);
            var deadline = events.OfType<HumanRequested>().Single().At + Wait;
            var endings = events.Where(e => e is TimedOutToAi or AgentTookOver { Episode: 1 }).ToArray();
            endings.Length.ShouldBe(1, $"conversation {id} ended its episode by {string.Join(", ", endings.Select(e => e.GetType().Name))}");
            if (endings[0] is TimedOutToAi timedOut)
            {
                timeoutsWon++;
                timedOut.At.ShouldBeGreaterThanOrEqualTo(deadline, "a timeout never fires before its deadline");

                // The agent then took the conversation from the AI: a takeover of its own, not the end of the episode.
                events.OfType<AgentTookOver>().Single().Episode.ShouldBeNull();
            }
            else
            {
                events.OfType<TimedOutToAi>().ShouldBeEmpty();
            }
        }

        timeoutsWon.ShouldBeLessThan(Rounds, "the takeovers sent before the deadline won");
    }

    [Fact]
    public async Task A_timeout_and_a_takeover_sent_at_the_same_instant_leave_exactly_one_outcome()
    {
        using var customer = await api.RegisterCustomerAsync();
        using var agent = await api.CreateStaffAsync("agent");
        var outcomes = new Dictionary<string, int>();
        for (var round = 0; round < 20; round++)
        {
            var id = await StartAsync(customer);
            await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);

            using var start = new Barrier(2);
            var takeover = Task.Run(async () =>
            {
                start.SignalAndWait();
                return await agent.Http.PostAsync($"/api/v1/conversations/{id}/takeover");
            });
            var timeout = Task.Run(async () =>
            {
                start.SignalAndWait();
                await using var scope = api.Services.CreateAsyncScope();
                return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new TimeOutToAiCommand(Guid.Parse(id), 1));
            });
            using var response = await takeover;
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            await timeout;

            var endings = (await EventsAsync(id)).Where(e => e is TimedOutToAi or AgentTookOver { Episode: 1 }).ToArray();
            endings.Length.ShouldBe(1);
            outcomes[endings[0].GetType().Name] = outcomes.GetValueOrDefault(endings[0].GetType().Name) + 1;
        }

        outcomes.Values.Sum().ShouldBe(20);
    }

    [Fact]
    public async Task The_timeout_of_an_earlier_episode_never_ends_a_later_one()
    {
        using var customer = await api.RegisterCustomerAsync();
        var id = await StartAsync(customer);
        var conversation = Guid.Parse(id);
        await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/cancel-human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        // The first episode's job runs anyway (as a job deleted too late would): nothing happens.
        var first = (await EventsAsync(id)).OfType<HumanRequested>().First();
        await using (var scope = api.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<WaitingTimeoutJob>().RunAsync(conversation, 1, first.At + Wait, CancellationToken.None);
        }

        (await EventsAsync(id)).OfType<TimedOutToAi>().ShouldBeEmpty();
        Scheduler.ArmWaitingTimeout(conversation, 1, DateTimeOffset.UtcNow).ShouldBe(JobArming.Ended, "an ended episode is never armed again");

        // The second episode times out at its own deadline.
        var second = (await EventsAsync(id)).OfType<HumanRequested>().Single(e => e.Episode == 2);
        var timedOut = await Eventually.ReturnsAsync(
            async () => (await EventsAsync(id)).OfType<TimedOutToAi>().ToArray(), t => t.Length > 0, TimeSpan.FromSeconds(10), "the second episode's timeout");
        timedOut.Single().Episode.ShouldBe(2);
        (timedOut.Single().At - second.At).ShouldBeInRange(Wait, Wait + Lateness);
    }

    [Fact]
    public async Task Waiting_customers_are_told_their_place_and_it_moves_with_the_queue()
    {
        using var admin = await api.AdminAsync();
        using var agent = await api.CreateStaffAsync("agent");
        using var first = await api.RegisterCustomerAsync();
        using var second = await api.RegisterCustomerAsync();
        var firstId = await StartAsync(first);
        var secondId = await StartAsync(second);
        await using var secondWs = await WsClient.ConnectAsync(Server, second.AccessToken);

        // Requests made by an admin through the API wait 30 s: the queue holds still while the test looks at it.
        await (await admin.Http.PostAsync($"/api/v1/conversations/{firstId}/human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await admin.Http.PostAsync($"/api/v1/conversations/{secondId}/human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var behind = await secondWs.ExpectAsync(f => f.Type() == "queue.position" && f.Text("conversationId") == secondId, "the customer's place");
        behind["position"]!.GetValue<int>().ShouldBe(2);
        behind["queueLength"]!.GetValue<int>().ShouldBe(2);
        behind["expectedWaitSeconds"]!.GetValue<double>().ShouldBeInRange(0, ApiWait.TotalSeconds);

        await (await agent.Http.PostAsync($"/api/v1/conversations/{firstId}/takeover")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var moved = await secondWs.ExpectAsync(
            f => f.Type() == "queue.position" && f.Text("conversationId") == secondId && f["position"]!.GetValue<int>() == 1, "one place up");
        moved["queueLength"]!.GetValue<int>().ShouldBe(1);

        var status = await second.Http.GetFromJsonAsync<JsonObject>($"/api/v1/conversations/{secondId}/queue");
        status!["queue"]!["position"]!.GetValue<int>().ShouldBe(1);
        (await first.Http.GetFromJsonAsync<JsonObject>($"/api/v1/conversations/{firstId}/queue"))!["waiting"]!.GetValue<bool>().ShouldBeFalse();
        await (await first.Http.GetAsync($"/api/v1/conversations/{secondId}/queue")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "conversation.not_found");

        await (await admin.Http.PostAsync($"/api/v1/conversations/{secondId}/close")).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_jobs_dashboard_is_for_admins_only()
    {
        using var customer = await api.RegisterCustomerAsync();
        using var admin = await api.AdminAsync();
        using var anonymous = api.Anonymous();

        (await anonymous.GetAsync("/admin/jobs")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await customer.Http.GetAsync("/admin/jobs")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await anonymous.GetAsync($"/admin/jobs?access_token={Uri.EscapeDataString(customer.AccessToken)}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // A browser opens it with the token in the query once; the cookie it gets carries it to the other pages.
        using var first = await anonymous.GetAsync($"/admin/jobs?access_token={Uri.EscapeDataString(admin.AccessToken)}");
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await first.Content.ReadAsStringAsync()).ShouldContain("ChatClean jobs");
        var cookie = first.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("chatclean_jobs=", StringComparison.Ordinal));
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=strict", Case.Insensitive);
        cookie.ShouldContain("path=/admin/jobs", Case.Insensitive);

        using var page = new HttpRequestMessage(HttpMethod.Get, "/admin/jobs/jobs/scheduled");
        page.Headers.Add("Cookie", cookie.Split(';')[0]);
        (await anonymous.SendAsync(page)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private HangfireJobScheduler Scheduler => api.Services.GetRequiredService<HangfireJobScheduler>();

    private static async Task<string> StartAsync(TestUser customer) =>
        (await (await customer.Http.PostAsync("/api/v1/conversations")).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");

    private async Task<IReadOnlyList<IConversationEvent>> EventsAsync(string id)
    {
        var store = api.Services.GetRequiredService<IEventStore>();
        var events = new List<IConversationEvent>();
        await foreach (var stored in store.ReadStreamToEndAsync(new ConversationId(Guid.Parse(id)).StreamName, 1, CancellationToken.None))
        {
            events.Add(stored.Event);
        }

        return events;
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatClean.Application.Abstractions.Jobs;
using ChatClean.Domain.Conversations;
using ChatClean.Infrastructure.Scheduling;
using ChatClean.TestSupport;
using ChatClean.WebApi.IntegrationTests.Realtime;
using Microsoft.Extensions.DependencyInjection;
using static ChatClean.WebApi.IntegrationTests.TestConversations;
using static ChatClean.WebApi.IntegrationTests.WaitingTimeouts.WaitingTimeoutApi;

namespace ChatClean.WebApi.IntegrationTests.WaitingTimeouts;

/// <summary>
/// Waiting timeouts with Hangfire on Redis and the event log on MariaDB (<see cref="WaitingTimeoutApi"/>): every
/// <c>TimedOutToAi</c> is checked against the deadline of its episode, and every job against the episode it belongs to.
/// </summary>
[Collection(nameof(WaitingTimeoutHost))]
public sealed class WaitingTimeoutTests(WaitingTimeoutApi api)
{
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
        (await api.Anonymous().GetStringAsync("/metrics")).ShouldContain("chatclean_waiting_timeout_lateness_seconds_bucket");
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
    public async Task The_timeout_of_an_earlier_episode_never_ends_a_later_one()
    {
        using var customer = await api.RegisterCustomerAsync();
        var id = await StartAsync(customer);
        var conversation = Guid.Parse(id);
        await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/cancel-human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        // The first episode's job runs anyway, at once (as a job deleted too late would): nothing happens. It is run
        // with its due time already past, so that it does not wait into the second episode's deadline.
        var requests = (await EventsAsync(id)).OfType<HumanRequested>().ToArray();
        var second = requests.Single(e => e.Episode == 2);
        await using (var scope = api.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<WaitingTimeoutJob>().RunAsync(conversation, 1, requests.Single(e => e.Episode == 1).At, CancellationToken.None);
        }

        // Only the second episode's own job may have timed it out by now, and never before its deadline.
        (await EventsAsync(id)).OfType<TimedOutToAi>().ShouldAllBe(t => t.Episode == 2 && t.At >= second.At + Wait, "the first episode's job ends nothing");
        await Eventually.ReturnsAsync(
            () => Task.FromResult(Scheduler.InspectWaitingTimeout(conversation, 1)), j => j.Ended, what: "the first episode marked ended by its cancellation");
        Scheduler.ArmWaitingTimeout(conversation, 1, DateTimeOffset.UtcNow).ShouldBe(JobArming.Ended, "an ended episode is never armed again");

        // The second episode times out at its own deadline.
        var timedOut = await Eventually.ReturnsAsync(
            async () => (await EventsAsync(id)).OfType<TimedOutToAi>().ToArray(), t => t.Length > 0, TimeSpan.FromSeconds(10), "the second episode's timeout");
        timedOut.Single().Episode.ShouldBe(2);
        (timedOut.Single().At - second.At).ShouldBeInRange(Wait, Wait + Lateness);
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

    private HangfireJobScheduler Scheduler => api.Scheduler;

    private Task<IReadOnlyList<IConversationEvent>> EventsAsync(string id) => api.EventsAsync(id);
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatClean.TestSupport;

namespace ChatClean.WebApi.IntegrationTests.Audit;

/// <summary>The audit API over real HTTP on both stores: a stream as stored, time travel at every version, the log search.</summary>
public abstract class AuditApiTests(ChatCleanApiFactory api)
{
    [Fact]
    public async Task A_scripted_conversation_reads_back_as_stored_and_time_travels_to_every_version()
    {
        using var admin = await api.AdminAsync();
        using var customer = await api.RegisterCustomerAsync();
        using var agent = await api.CreateStaffAsync("agent");
        var id = (await (await customer.Http.PostJsonAsync("/api/v1/conversations", new { subject = "audited" })).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");
        await (await customer.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "where is my parcel" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await agent.Http.PostAsync($"/api/v1/conversations/{id}/takeover")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await agent.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "it left today" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/close")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var events = new List<JsonNode>();
        long? after = 0;
        while (after is { } from)
        {
            var page = await (await admin.Http.GetAsync($"/api/v1/admin/audit/conversations/{id}/events?after={from}&limit=2")).ShouldHaveStatusAsync(HttpStatusCode.OK);
            events.AddRange(page["items"]!.AsArray().Select(e => e!));
            after = page["next"]?.GetValue<long>();
        }

        events.Select(e => e.Number("seq")).ShouldBe(Enumerable.Range(1, events.Count).Select(i => (long)i), "every event once, in seq order, across pages");
        events.Select(e => e.Str("type")).Take(5).ShouldBe(["ConversationStarted.v1", "MessagePosted.v1", "HumanRequested.v1", "AgentTookOver.v1", "MessagePosted.v1"]);
        events.Select(e => e.Number("position")).ShouldBeInOrder(SortDirection.Ascending);
        events.ShouldAllBe(e => e.Str("hash").Length == 64 && e.Str("streamId") == $"Conversation-{Guid.Parse(id):N}");
        events[1]["data"]!.Str("body").ShouldBe("where is my parcel");
        events[1]["metadata"]!.Str("actorId").ShouldBe(customer.Id.ToString());
        events[3]["metadata"]!.Str("actorId").ShouldBe(agent.Id.ToString());
        events[^1].Str("type").ShouldBe("ConversationClosed.v1");

        var expectedModes = new[] { "ai", "ai", "waiting", "human", "human" };
        for (var version = 1; version <= events.Count; version++)
        {
            var at = await (await admin.Http.GetAsync($"/api/v1/admin/audit/conversations/{id}/state?atVersion={version}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
            at.Number("version").ShouldBe(version);
            at["state"]!.Number("version").ShouldBe(version);
            at["state"]!.Str("mode").ShouldBe(version <= expectedModes.Length ? expectedModes[version - 1] : "closed", $"mode after event {version}");
            var byTime = await (await admin.Http.GetAsync(
                $"/api/v1/admin/audit/conversations/{id}/state?atTime={Uri.EscapeDataString(events[version - 1].Str("recordedAt"))}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
            byTime.Number("version").ShouldBeGreaterThanOrEqualTo(version, "events recorded in the same microsecond fold together");
        }

        var messagesAfterAgentReply = await (await admin.Http.GetAsync($"/api/v1/admin/audit/conversations/{id}/state?atVersion=5")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        messagesAfterAgentReply["state"]!["messages"]!.Number("agent").ShouldBe(1);
        messagesAfterAgentReply["state"]!.Str("agentId").ShouldBe(agent.Id.ToString());

        var start = DateTimeOffset.Parse(events[0].Str("recordedAt"), System.Globalization.CultureInfo.InvariantCulture);
        await (await admin.Http.GetAsync($"/api/v1/admin/audit/conversations/{id}/state?atTime={Uri.EscapeDataString(start.AddSeconds(-1).ToString("O"))}"))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "audit.before_start");
    }

    [Fact]
    public async Task The_log_is_searched_by_type_actor_and_time_keyset_paged()
    {
        using var admin = await api.AdminAsync();
        using var customer = await api.RegisterCustomerAsync();
        var from = DateTimeOffset.UtcNow.AddSeconds(-1);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var id = (await (await customer.Http.PostJsonAsync("/api/v1/conversations", new { })).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");
            ids.Add($"Conversation-{Guid.Parse(id):N}");
            await (await customer.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = $"message {i}" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        }

        var found = new List<JsonNode>();
        long? after = 0;
        while (after is { } position)
        {
            var page = await (await admin.Http.GetAsync(
                $"/api/v1/admin/audit/events?type=MessagePosted.v1&actor={customer.Id}&from={Uri.EscapeDataString(from.ToString("O"))}&after={position}&limit=2"))
                .ShouldHaveStatusAsync(HttpStatusCode.OK);
            found.AddRange(page["items"]!.AsArray().Select(e => e!));
            after = page["next"]?.GetValue<long>();
        }

        found.Select(e => e.Str("streamId")).ShouldBe(ids, "the customer's three messages, oldest first, and nothing else");
        found.ShouldAllBe(e => e.Str("type") == "MessagePosted.v1");
        var later = await (await admin.Http.GetAsync($"/api/v1/admin/audit/events?actor={customer.Id}&from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"))}"))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        later["items"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task The_service_signs_checkpoints_by_itself_and_verify_checks_them()
    {
        using var admin = await api.AdminAsync();
        using var customer = await api.RegisterCustomerAsync();
        (await (await customer.Http.PostJsonAsync("/api/v1/conversations", new { })).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");

        var verified = await Eventually.ReturnsAsync(
            async () => await (await admin.Http.PostAsync("/api/v1/admin/audit/verify")).ShouldHaveStatusAsync(HttpStatusCode.OK),
            v => v.Number("checkpoints") > 0,
            TimeSpan.FromSeconds(20),
            "a checkpoint written within a few intervals of 1 s");
        verified["intact"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Bad_requests_get_stable_codes_and_customers_get_403()
    {
        using var admin = await api.AdminAsync();
        using var customer = await api.RegisterCustomerAsync();
        var id = (await (await customer.Http.PostJsonAsync("/api/v1/conversations", new { })).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");

        await (await admin.Http.GetAsync($"/api/v1/admin/audit/conversations/{Guid.NewGuid()}/events")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "conversation.not_found");
        await (await admin.Http.GetAsync($"/api/v1/admin/audit/conversations/{Guid.NewGuid()}/state?atVersion=1")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "conversation.not_found");
        await (await admin.Http.GetAsync($"/api/v1/admin/audit/conversations/{id}/state")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        await (await admin.Http.GetAsync($"/api/v1/admin/audit/conversations/{id}/state?atVersion=1&atTime=2026-01-01T00:00:00Z")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        await (await admin.Http.GetAsync($"/api/v1/admin/audit/conversations/{id}/events?limit=5000")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        foreach (var path in new[] { $"/api/v1/admin/audit/conversations/{id}/events", $"/api/v1/admin/audit/conversations/{id}/state?atVersion=1", "/api/v1/admin/audit/events" })
        {
            (await customer.Http.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, path);
        }
    }
}

public sealed class MariaDbAuditApiTests(ChatCleanApiFactory api) : AuditApiTests(api), IClassFixture<ChatCleanApiFactory>;

public sealed class EmbeddedAuditApiTests(EmbeddedApiFactory api) : AuditApiTests(api), IClassFixture<EmbeddedApiFactory>;

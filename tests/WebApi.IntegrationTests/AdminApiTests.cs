using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatClean.TestSupport;

namespace ChatClean.WebApi.IntegrationTests;

/// <summary>The admin API over real HTTP on MariaDB: accounts, customers, conversation search and transcripts.</summary>
public sealed class AdminApiTests(ChatCleanApiFactory api) : IClassFixture<ChatCleanApiFactory>
{
    [Fact]
    public async Task Admins_list_disable_enable_and_reset_the_password_of_accounts()
    {
        using var admin = await api.AdminAsync();
        using var agent = await api.CreateStaffAsync("agent", "agent-list-1");

        var agents = (await admin.Http.GetFromJsonAsync<JsonObject>("/api/v1/admin/users?role=agent&q=list-1"))!;
        agents["items"]!.AsArray().Select(u => u!.Str("username")).ShouldBe(["agent-list-1"]);
        agents["total"]!.GetValue<int>().ShouldBe(1);

        var disabled = await (await admin.Http.PostAsync($"/api/v1/admin/users/{agent.Id}/disable")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        disabled["isDisabled"]!.GetValue<bool>().ShouldBeTrue();
        await (await api.Anonymous().PostJsonAsync("/api/v1/auth/login", new { username = "agent-list-1", password = "staff-password" }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.account_disabled");
        // Disabling ended the agent's sessions: its refresh token was revoked with them.
        await (await api.Anonymous().PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = agent.RefreshToken }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.refresh_token_invalid");

        await (await admin.Http.PostAsync($"/api/v1/admin/users/{agent.Id}/enable")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await admin.Http.PostJsonAsync($"/api/v1/admin/users/{agent.Id}/reset-password", new { password = "brand-new-password" }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await api.Anonymous().PostJsonAsync("/api/v1/auth/login", new { username = "agent-list-1", password = "staff-password" }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        (await api.LoginAsync("agent-list-1", "brand-new-password")).Dispose();
    }

    [Fact]
    public async Task The_last_active_admin_cannot_be_disabled()
    {
        using var admin = await api.AdminAsync();

        await (await admin.Http.PostAsync($"/api/v1/admin/users/{admin.Id}/disable")).ShouldBeProblemAsync(HttpStatusCode.Conflict, "user.last_admin");
        await (await admin.Http.PostAsync($"/api/v1/admin/users/{Guid.NewGuid()}/disable")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "user.not_found");
        await (await admin.Http.PostJsonAsync($"/api/v1/admin/users/{admin.Id}/reset-password", new { password = "x" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
    }

    [Fact]
    public async Task Customers_are_searched_their_conversations_listed_and_a_blocked_customer_cannot_log_in()
    {
        using var admin = await api.AdminAsync();
        using var customer = await api.RegisterCustomerAsync("blockable-customer");
        using var agent = await api.CreateStaffAsync("agent");
        var id = (await (await customer.Http.PostJsonAsync("/api/v1/conversations", new { subject = "mine" })).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");

        var found = (await admin.Http.GetFromJsonAsync<JsonObject>("/api/v1/admin/customers?q=blockable"))!;
        found["items"]!.AsArray().Select(u => u!.Str("username")).ShouldBe(["blockable-customer"]);
        var conversations = await Eventually.ReturnsAsync(
            () => admin.Http.GetFromJsonAsync<JsonArray>($"/api/v1/admin/customers/{customer.Id}/conversations"), l => l!.Count == 1);
        conversations![0]!.Str("id").ShouldBe(id);

        await (await admin.Http.PostAsync($"/api/v1/admin/customers/{agent.Id}/block")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "customer.not_found");
        await (await admin.Http.PostAsync($"/api/v1/admin/customers/{customer.Id}/block")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await api.Anonymous().PostJsonAsync("/api/v1/auth/login", new { username = "blockable-customer", password = "customer-password" }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.account_disabled");
        await (await admin.Http.PostAsync($"/api/v1/admin/customers/{customer.Id}/unblock")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await api.LoginAsync("blockable-customer", "customer-password")).Dispose();
    }

    [Fact]
    public async Task A_conversation_detail_has_the_full_transcript_and_its_episodes_and_waits_for_the_version_asked_for()
    {
        using var admin = await api.AdminAsync();
        using var customer = await api.RegisterCustomerAsync();
        using var agent = await api.CreateStaffAsync("agent");
        var id = (await (await customer.Http.PostJsonAsync("/api/v1/conversations", new { subject = "detail" })).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");
        await (await customer.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "one", clientMessageId = "c-1" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/human-request")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await agent.Http.PostAsync($"/api/v1/conversations/{id}/takeover")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var last = await (await agent.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "two" })).ShouldHaveStatusAsync(HttpStatusCode.Created);

        var detail = await (await admin.Http.GetAsync($"/api/v1/admin/conversations/{id}?minVersion={last.Number("version")}")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        detail["conversation"]!.Number("version").ShouldBe(last.Number("version"));
        detail["conversation"]!.Str("mode").ShouldBe("human");
        detail["conversation"]!["messagesBySender"]!["agent"]!.GetValue<int>().ShouldBe(1);
        var transcript = detail["transcript"]!.AsArray();
        transcript.Select(m => m!.Number("seq")).ShouldBe([2, 5]);
        transcript.Select(m => m!.Str("body")).ShouldBe(["one", "two"]);
        transcript[0]!.Str("clientMessageId").ShouldBe("c-1");
        var episode = detail["episodes"]!.AsArray().Single()!;
        episode.Str("outcome").ShouldBe("taken_over");
        episode.Str("agentId").ShouldBe(agent.Id.ToString());

        await (await admin.Http.GetAsync($"/api/v1/admin/conversations/{id}?minVersion=999")).ShouldBeProblemAsync(HttpStatusCode.Conflict, "read_model.behind");
        await (await admin.Http.GetAsync($"/api/v1/admin/conversations/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "conversation.not_found");
    }

    [Theory]
    [InlineData("/api/v1/admin/users")]
    [InlineData("/api/v1/admin/customers")]
    [InlineData("/api/v1/admin/conversations")]
    [InlineData("/api/v1/admin/analytics/summary")]
    [InlineData("/api/v1/admin/analytics/timeseries")]
    [InlineData("/api/v1/admin/analytics/agents")]
    [InlineData("/api/v1/admin/analytics/daily")]
    public async Task Non_admins_get_403_on_admin_reads(string path)
    {
        using var customer = await api.RegisterCustomerAsync();
        using var agent = await api.CreateStaffAsync("agent");

        await (await customer.Http.GetAsync(path)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await agent.Http.GetAsync(path)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
    }
}

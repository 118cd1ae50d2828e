using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ChatClean.WebApi.IntegrationTests.Security;

/// <summary>
/// Personal fields are encrypted in MySQL and readable through the API; a lookup by email still works; hostile text
/// (SQL injection attempts, script tags) is stored and returned verbatim and does no harm.
/// </summary>
public sealed class PersonalDataTests(ChatCleanApiFactory api) : IClassFixture<ChatCleanApiFactory>
{
    private const string Hostile = "Robert'); DROP TABLE users; -- <script>alert(\"x\")</script> ' OR '1'='1 \\\" 💥 退货";

    [Fact]
    public async Task Email_and_phone_are_unreadable_in_the_database_and_readable_through_the_api()
    {
        using var anonymous = api.Anonymous();
        var username = $"pii-{Guid.NewGuid():N}"[..20];
        await (await anonymous.PostAsJsonAsync("/api/v1/auth/register", new
        {
            username, password = "customer-password", displayName = "Alice Smith", email = "Alice.Smith@Example.com", phone = "+86 138 0013 8000",
        })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        using var customer = await api.LoginAsync(username, "customer-password");

        var me = await customer.Http.GetFromJsonAsync<JsonObject>("/api/v1/auth/me");
        me!.Str("email").ShouldBe("Alice.Smith@Example.com");
        me!.Str("phone").ShouldBe("+86 138 0013 8000");

        var email = await api.Database.ScalarAsync<string>($"SELECT email FROM users WHERE username = '{username}'");
        var phone = await api.Database.ScalarAsync<string>($"SELECT phone FROM users WHERE username = '{username}'");
        var hash = await api.Database.ScalarAsync<string>($"SELECT email_hash FROM users WHERE username = '{username}'");
        var displayName = await api.Database.ScalarAsync<string>($"SELECT display_name FROM users WHERE username = '{username}'");
        displayName.ShouldStartWith("enc:v1:");
        displayName.ShouldNotContain("Smith");
        email.ShouldStartWith("enc:v1:");
        phone.ShouldStartWith("enc:v1:");
        foreach (var stored in new[] { email, phone, hash })
        {
            stored.ShouldNotContain("alice", Case.Insensitive);
            stored.ShouldNotContain("example", Case.Insensitive);
            stored.ShouldNotContain("138");
        }

        using var admin = await api.AdminAsync();
        var found = await admin.Http.GetFromJsonAsync<JsonObject>("/api/v1/admin/users?email=alice.smith%40example.com");
        found!["items"]!.AsArray().Select(u => u!.Str("username")).ShouldBe([username]);
        found["items"]![0]!.Str("email").ShouldBe("Alice.Smith@Example.com");
        (await admin.Http.GetFromJsonAsync<JsonObject>("/api/v1/admin/users?email=nobody%40example.com"))!["total"]!.GetValue<int>().ShouldBe(0);

        await (await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { username = "pii-bad", password = "customer-password", email = "not an email" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
    }

    [Fact]
    public async Task Hostile_text_in_every_text_field_is_stored_and_returned_verbatim()
    {
        using var admin = await api.AdminAsync();
        using var agent = await api.CreateStaffAsync("agent");
        using var anonymous = api.Anonymous();
        var username = $"evil-{Guid.NewGuid():N}"[..20];
        await (await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { username, password = "customer-password", displayName = Hostile }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);
        using var customer = await api.LoginAsync(username, "customer-password");
        (await customer.Http.GetFromJsonAsync<JsonObject>("/api/v1/auth/me"))!.Str("displayName").ShouldBe(Hostile);

        var conversation = await (await customer.Http.PostJsonAsync("/api/v1/conversations", new { subject = Hostile })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        var id = conversation.Str("id");
        conversation.Str("subject").ShouldBe(Hostile);
        await (await customer.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = Hostile, clientMessageId = Hostile[..50] }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);
        await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/close")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await customer.Http.PostJsonAsync($"/api/v1/conversations/{id}/feedback", new { rating = 1, comment = Hostile })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var messages = await customer.Http.GetFromJsonAsync<JsonObject>($"/api/v1/conversations/{id}/messages");
        messages!["messages"]![0]!.Str("body").ShouldBe(Hostile);
        messages["messages"]![0]!.Str("clientMessageId").ShouldBe(Hostile[..50]);

        var document = await (await admin.Http.PostJsonAsync("/api/v1/admin/knowledge/documents", new { title = Hostile, content = Hostile }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);
        document.Str("content").ShouldBe(Hostile);

        // Searches with the same text are just searches.
        var version = (await customer.Http.GetFromJsonAsync<JsonObject>($"/api/v1/conversations/{id}"))!.Number("version");
        await (await admin.Http.GetAsync($"/api/v1/admin/conversations/{id}?minVersion={version}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        foreach (var query in new[] { Hostile, "' OR 1=1 --", "%", "_", "\\" })
        {
            (await admin.Http.GetAsync($"/api/v1/admin/conversations?q={Uri.EscapeDataString(query)}")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await admin.Http.GetAsync($"/api/v1/admin/users?q={Uri.EscapeDataString(query)}")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await admin.Http.GetAsync($"/api/v1/admin/knowledge/search?q={Uri.EscapeDataString(query)}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var detail = await admin.Http.GetFromJsonAsync<JsonObject>($"/api/v1/admin/conversations/{id}");
        detail!["transcript"]![0]!.Str("body").ShouldBe(Hostile);
        (await api.Database.ScalarAsync<long>("SELECT COUNT(*) FROM users")).ShouldBeGreaterThan(2, "the users table is still there");

        // JSON answers are data: served as JSON, never as a page a browser would run.
        using var raw = await customer.Http.GetAsync($"/api/v1/conversations/{id}/messages");
        raw.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        raw.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
    }
}

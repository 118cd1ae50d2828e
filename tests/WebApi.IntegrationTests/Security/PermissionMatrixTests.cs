using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static ChatClean.WebApi.IntegrationTests.Security.PermissionMatrixTests.Door;

namespace ChatClean.WebApi.IntegrationTests.Security;

/// <summary>
/// Every endpoint the service maps × every kind of caller → the door it must find: open, 401, 403, or 404 (another
/// customer's conversation does not exist for them). An endpoint missing from the matrix fails the test, so a new
/// endpoint cannot ship without a decision. "Open" means the request got past authentication and authorisation:
/// whatever the use case then answers (200, 400 for the empty body sent here, 409 for the state it finds) except
/// 401, 403 and 404.
/// </summary>
public sealed class PermissionMatrixTests(ChatCleanApiFactory api) : IClassFixture<ChatCleanApiFactory>
{
    public enum Door
    {
        Open,
        Unauthenticated,
        Forbidden,
        Hidden,
    }

    public enum Who
    {
        Anonymous,
        Owner,
        OtherCustomer,
        Agent,
        Admin,
    }

    /// <summary>(method, route pattern) → the door for anonymous, the conversation's customer, another customer, an agent, an admin.</summary>
    public static readonly Dictionary<(string Method, string Pattern), Door[]> Matrix = new()
    {
        [("POST", "/api/v1/auth/register")] = [Open, Open, Open, Open, Open],
        [("POST", "/api/v1/auth/login")] = [Open, Open, Open, Open, Open],
        [("POST", "/api/v1/auth/refresh")] = [Open, Open, Open, Open, Open],
        [("POST", "/api/v1/auth/logout")] = [Open, Open, Open, Open, Open],
        [("GET", "/api/v1/auth/me")] = [Unauthenticated, Open, Open, Open, Open],

        [("POST", "/api/v1/conversations/")] = [Unauthenticated, Open, Open, Forbidden, Forbidden],
        [("GET", "/api/v1/conversations/")] = [Unauthenticated, Open, Open, Open, Open],
        [("GET", "/api/v1/conversations/{id:guid}")] = [Unauthenticated, Open, Hidden, Open, Open],
        [("GET", "/api/v1/conversations/{id:guid}/queue")] = [Unauthenticated, Open, Hidden, Open, Open],
        [("GET", "/api/v1/conversations/{id:guid}/messages")] = [Unauthenticated, Open, Hidden, Open, Open],
        [("POST", "/api/v1/conversations/{id:guid}/messages")] = [Unauthenticated, Open, Hidden, Open, Forbidden],
        [("POST", "/api/v1/conversations/{id:guid}/human-request")] = [Unauthenticated, Open, Hidden, Open, Open],
        [("POST", "/api/v1/conversations/{id:guid}/cancel-human-request")] = [Unauthenticated, Open, Hidden, Forbidden, Open],
        [("POST", "/api/v1/conversations/{id:guid}/takeover")] = [Unauthenticated, Forbidden, Forbidden, Open, Forbidden],
        [("POST", "/api/v1/conversations/{id:guid}/release")] = [Unauthenticated, Forbidden, Forbidden, Open, Forbidden],
        [("POST", "/api/v1/conversations/{id:guid}/close")] = [Unauthenticated, Open, Hidden, Open, Open],
        [("POST", "/api/v1/conversations/{id:guid}/transfer")] = [Unauthenticated, Forbidden, Forbidden, Open, Open],
        [("POST", "/api/v1/conversations/{id:guid}/feedback")] = [Unauthenticated, Open, Hidden, Forbidden, Forbidden],
        [("POST", "/api/v1/conversations/{id:guid}/attachments/")] = [Unauthenticated, Open, Hidden, Open, Open],
        [("GET", "/api/v1/conversations/{id:guid}/attachments/{attachmentId:guid}")] = [Unauthenticated, Open, Hidden, Open, Open],

        [("GET", "/api/v1/agent/queue")] = [Unauthenticated, Forbidden, Forbidden, Open, Open],
        [("GET", "/api/v1/agent/presence")] = [Unauthenticated, Forbidden, Forbidden, Open, Open],

        [("GET", "/api/v1/admin/users/")] = AdminOnly,
        [("POST", "/api/v1/admin/users/")] = AdminOnly,
        [("POST", "/api/v1/admin/users/{id:guid}/disable")] = AdminOnly,
        [("POST", "/api/v1/admin/users/{id:guid}/enable")] = AdminOnly,
        [("POST", "/api/v1/admin/users/{id:guid}/reset-password")] = AdminOnly,
        [("GET", "/api/v1/admin/customers/")] = AdminOnly,
        [("GET", "/api/v1/admin/customers/{id:guid}/conversations")] = AdminOnly,
        [("POST", "/api/v1/admin/customers/{id:guid}/block")] = AdminOnly,
        [("POST", "/api/v1/admin/customers/{id:guid}/unblock")] = AdminOnly,
        [("GET", "/api/v1/admin/conversations/")] = AdminOnly,
        [("GET", "/api/v1/admin/conversations/{id:guid}")] = AdminOnly,
        [("GET", "/api/v1/admin/analytics/summary")] = AdminOnly,
        [("GET", "/api/v1/admin/analytics/timeseries")] = AdminOnly,
        [("GET", "/api/v1/admin/analytics/agents")] = AdminOnly,
        [("GET", "/api/v1/admin/analytics/daily")] = AdminOnly,
        [("GET", "/api/v1/admin/webhooks/")] = AdminOnly,
        [("POST", "/api/v1/admin/webhooks/")] = AdminOnly,
        [("DELETE", "/api/v1/admin/webhooks/{id:guid}")] = AdminOnly,
        [("POST", "/api/v1/admin/webhooks/{id:guid}/resume")] = AdminOnly,
        [("GET", "/api/v1/admin/webhooks/{id:guid}/deliveries")] = AdminOnly,
        [("GET", "/api/v1/admin/webhooks/{id:guid}/attempts")] = AdminOnly,
        [("POST", "/api/v1/admin/webhooks/{id:guid}/deliveries/{deliveryId:guid}/redeliver")] = AdminOnly,
        [("GET", "/api/v1/admin/knowledge/documents")] = AdminOnly,
        [("POST", "/api/v1/admin/knowledge/documents")] = AdminOnly,
        [("GET", "/api/v1/admin/knowledge/documents/{id:guid}")] = AdminOnly,
        [("PUT", "/api/v1/admin/knowledge/documents/{id:guid}")] = AdminOnly,
        [("DELETE", "/api/v1/admin/knowledge/documents/{id:guid}")] = AdminOnly,
        [("GET", "/api/v1/admin/knowledge/search")] = AdminOnly,
        [("POST", "/api/v1/admin/read-models/rebuild")] = AdminOnly,
        [("POST", "/api/v1/admin/audit/verify")] = AdminOnly,
        [("GET", "/api/v1/admin/audit/conversations/{id:guid}/events")] = AdminOnly,
        [("GET", "/api/v1/admin/audit/conversations/{id:guid}/state")] = AdminOnly,
        [("GET", "/api/v1/admin/audit/events")] = AdminOnly,
        [("GET", "/admin/jobs/{**path}")] = AdminOnly,

        [("GET", "/ws")] = [Unauthenticated, Open, Open, Open, Open],
        [("GET", "/health/live")] = [Open, Open, Open, Open, Open],
        [("GET", "/health/ready")] = [Open, Open, Open, Open, Open],
        [("GET", "/openapi/{documentName}.json")] = [Open, Open, Open, Open, Open],
        [("GET", "/metrics")] = [Open, Open, Open, Open, Open],

        // The console's pages are public; what they show comes from the API, behind its own doors.
        [("GET", "/chat")] = [Open, Open, Open, Open, Open],
        [("GET", "/chat/widget.js")] = [Open, Open, Open, Open, Open],
        [("GET", "/agent")] = [Open, Open, Open, Open, Open],
        [("GET", "/admin")] = [Open, Open, Open, Open, Open],
    };

    private static Door[] AdminOnly => [Unauthenticated, Forbidden, Forbidden, Forbidden, Open];

    [Fact]
    public void Every_endpoint_has_an_entry_in_the_matrix()
    {
        var mapped = MappedEndpoints();

        mapped.Count.ShouldBeGreaterThan(40);
        mapped.Except(Matrix.Keys).ShouldBeEmpty("endpoints without a row in the permission matrix");
        Matrix.Keys.Except(mapped).ShouldBeEmpty("rows for endpoints that do not exist");
    }

    [Fact]
    public async Task Every_caller_finds_the_door_the_matrix_says_at_every_endpoint()
    {
        using var owner = await api.RegisterCustomerAsync();
        using var other = await api.RegisterCustomerAsync();
        using var agent = await api.CreateStaffAsync("agent");
        using var admin = await api.AdminAsync();
        using var bystander = await api.RegisterCustomerAsync();
        using var anonymous = api.Anonymous();
        var (webhook, doomedWebhook) = await WebhookTargetsAsync(admin.Http);
        var conversation = (await (await owner.Http.PostAsync("/api/v1/conversations")).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");
        var attachment = (await (await owner.Http.PostAsync($"/api/v1/conversations/{conversation}/attachments", AttachmentForm())).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");
        var delivery = await Webhooks.WebhookWaits.FirstDeliveryAsync(admin.Http, webhook);
        var document = (await (await admin.Http.PostJsonAsync("/api/v1/admin/knowledge/documents", new { title = "Matrix", content = "A document." }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");

        var clients = new Dictionary<Who, HttpClient>
        {
            [Who.Anonymous] = anonymous, [Who.Owner] = owner.Http, [Who.OtherCustomer] = other.Http, [Who.Agent] = agent.Http, [Who.Admin] = admin.Http,
        };
        var wrong = new List<string>();
        foreach (var ((method, pattern), doors) in Matrix.OrderBy(e => e.Key.Pattern, StringComparer.Ordinal))
        {
            var path = pattern
                .Replace("/admin/webhooks/{id:guid}/deliveries/{deliveryId:guid}", $"/admin/webhooks/{webhook}/deliveries/{delivery}", StringComparison.Ordinal)
                .Replace("/admin/webhooks/{id:guid}/", $"/admin/webhooks/{webhook}/", StringComparison.Ordinal)
                .Replace("/admin/webhooks/{id:guid}", $"/admin/webhooks/{doomedWebhook}", StringComparison.Ordinal)
                .Replace("/admin/users/{id:guid}", $"/admin/users/{bystander.Id}", StringComparison.Ordinal)
                .Replace("/admin/customers/{id:guid}", $"/admin/customers/{bystander.Id}", StringComparison.Ordinal)
                .Replace("/knowledge/documents/{id:guid}", $"/knowledge/documents/{document}", StringComparison.Ordinal)
                .Replace("{id:guid}", conversation, StringComparison.Ordinal)
                .Replace("{attachmentId:guid}", attachment, StringComparison.Ordinal)
                .Replace("{**path}", string.Empty, StringComparison.Ordinal)
                .Replace("{documentName}", "v1", StringComparison.Ordinal);
            foreach (var who in Enum.GetValues<Who>())
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PUT")
                {
                    request.Content = pattern.EndsWith("/attachments/", StringComparison.Ordinal)
                        ? AttachmentForm()
                        : new StringContent(BodyFor(pattern, agent.Id), Encoding.UTF8, "application/json");
                }

                using var response = await clients[who].SendAsync(request);
                var door = DoorOf(response.StatusCode);
                if (door != doors[(int)who] || (int)response.StatusCode >= 500)
                {
                    wrong.Add($"{method} {pattern} as {who}: {(int)response.StatusCode}, expected {doors[(int)who]}");
                }
            }
        }

        wrong.ShouldBeEmpty();
    }

    /// <summary>A webhook (that will see the conversation start, a delivery to redeliver), and one to delete.</summary>
    private static async Task<(string Webhook, string Doomed)> WebhookTargetsAsync(HttpClient admin)
    {
        var register = new { url = "http://127.0.0.1:9/matrix", secret = "matrix-secret-0123456789", eventTypes = new[] { "conversation.started" } };
        var webhook = (await (await admin.PostJsonAsync("/api/v1/admin/webhooks", register)).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");
        var doomed = (await (await admin.PostJsonAsync("/api/v1/admin/webhooks", register)).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");
        return (webhook, doomed);
    }

    /// <summary>A valid body where the use case needs one, so that the per-resource check is reached; elsewhere an empty object.</summary>
    private static string BodyFor(string pattern, Guid agentId) => pattern switch
    {
        _ when pattern.EndsWith("/messages", StringComparison.Ordinal) => """{"body":"matrix"}""",
        _ when pattern.EndsWith("/feedback", StringComparison.Ordinal) => """{"rating":5}""",
        _ when pattern.EndsWith("/transfer", StringComparison.Ordinal) => $$"""{"toAgentId":"{{agentId}}"}""",
        _ when pattern.Contains("/knowledge/documents", StringComparison.Ordinal) => """{"title":"Matrix","content":"A document."}""",
        _ => "{}",
    };

    /// <summary>A small text file in the multipart form an upload takes.</summary>
    private static MultipartFormDataContent AttachmentForm() =>
        new() { { new ByteArrayContent("matrix attachment"u8.ToArray()), "file", "matrix.txt" } };

    private static Door DoorOf(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => Unauthenticated,
        HttpStatusCode.Forbidden => Forbidden,
        HttpStatusCode.NotFound => Hidden,
        _ => Open,
    };

    private HashSet<(string Method, string Pattern)> MappedEndpoints() =>
        api.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .ToHashSet();
}

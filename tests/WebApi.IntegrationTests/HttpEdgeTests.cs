using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatClean.WebApi.IntegrationTests;

/// <summary>Bad input at the HTTP layer gets a problem with a stable code; operations endpoints answer.</summary>
public sealed class HttpEdgeTests(ChatCleanApiFactory api) : IClassFixture<ChatCleanApiFactory>
{
    [Theory]
    [InlineData("{\"username\": \"dave\", ")]
    [InlineData("not json at all")]
    [InlineData("{\"username\": 42, \"password\": \"x\"}")]
    [InlineData("[1,2,3]")]
    public async Task Malformed_json_is_a_400_with_a_code(string body)
    {
        using var anonymous = api.Anonymous();

        var response = await anonymous.PostAsync("/api/v1/auth/register", new StringContent(body, Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "request.malformed_json");
    }

    [Fact]
    public async Task A_malformed_message_loses_nothing_that_was_accepted_before()
    {
        using var customer = await api.RegisterCustomerAsync();
        var id = (await (await customer.Http.PostJsonAsync("/api/v1/conversations", new { })).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");
        await (await customer.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "kept" })).ShouldHaveStatusAsync(HttpStatusCode.Created);

        await (await customer.Http.PostAsync($"/api/v1/conversations/{id}/messages", new StringContent("{\"body\": ", Encoding.UTF8, "application/json")))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "request.malformed_json");

        var messages = (await customer.Http.GetFromJsonAsync<JsonObject>($"/api/v1/conversations/{id}/messages"))!["messages"]!.AsArray();
        messages.Select(m => m!.Str("body")).ShouldBe(["kept"]);
    }

    [Fact]
    public async Task A_missing_body_is_a_400_with_a_code()
    {
        using var anonymous = api.Anonymous();

        var response = await anonymous.PostAsync("/api/v1/auth/login", new StringContent(string.Empty, Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "request.invalid");
    }

    [Fact]
    public async Task Missing_fields_are_validation_problems()
    {
        using var anonymous = api.Anonymous();

        var problem = await (await anonymous.PostJsonAsync("/api/v1/auth/login", new { })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");

        problem["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["username", "password"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_an_unsupported_media_type()
    {
        using var anonymous = api.Anonymous();

        var response = await anonymous.PostAsync("/api/v1/auth/login", new StringContent("username=x", Encoding.UTF8, "text/plain"));

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "request.unsupported_media_type");
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413()
    {
        using var anonymous = api.Anonymous();
        var huge = new StringContent($"{{\"username\":\"{new string('x', 2 * 1024 * 1024)}\"}}", Encoding.UTF8, "application/json");

        var response = await anonymous.PostAsync("/api/v1/auth/register", huge);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request.body_too_large");
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        using var anonymous = api.Anonymous();

        await (await anonymous.GetAsync("/api/v1/nothing-here")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "route.not_found");
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_problem()
    {
        using var anonymous = api.Anonymous();

        await (await anonymous.GetAsync("/api/v1/auth/login")).ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed, "request.method_not_allowed");
    }

    [Fact]
    public async Task A_malformed_id_in_the_path_does_not_match_a_route()
    {
        using var customer = await api.RegisterCustomerAsync();

        await (await customer.Http.GetAsync("/api/v1/conversations/not-a-guid")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "route.not_found");
    }

    [Fact]
    public async Task Liveness_and_readiness_answer()
    {
        using var anonymous = api.Anonymous();

        (await anonymous.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var ready = await anonymous.GetAsync("/health/ready");
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        ready.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var body = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        body.Str("status").ShouldBe("Healthy");
        body["entries"]!.AsObject().Select(e => e.Key).Order().ShouldBe(["database", "event-store", "projection-lag", "redis"]);
        body["entries"]!["event-store"]!.Str("description").ShouldContain("writable");
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_api()
    {
        using var anonymous = api.Anonymous();

        var document = (await anonymous.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToArray();
        paths.ShouldContain("/api/v1/auth/login");
        paths.ShouldContain("/api/v1/conversations/{id}/takeover");
        paths.ShouldContain("/api/v1/agent/queue");
    }
}

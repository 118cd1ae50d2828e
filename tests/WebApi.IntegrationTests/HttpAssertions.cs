using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ChatClean.WebApi.IntegrationTests;

public static class HttpAssertions
{
    /// <summary>Asserts the status and returns the JSON body.</summary>
    public static async Task<JsonNode> ShouldHaveStatusAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, $"body: {text}");
        return string.IsNullOrEmpty(text) ? new JsonObject() : JsonNode.Parse(text)!;
    }

    /// <summary>Asserts an RFC 7807 problem with the given status and stable code.</summary>
    public static async Task<JsonNode> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.ShouldHaveStatusAsync(status);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        body["status"]!.GetValue<int>().ShouldBe((int)status);
        body["code"]!.GetValue<string>().ShouldBe(code);
        return body;
    }

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, string path) => client.PostAsync(path, content: null);

    /// <summary>Logs in through the client's service and answers the access token.</summary>
    public static async Task<string> LoginAsync(this HttpClient client, string username, string password) =>
        (await (await client.PostAsJsonAsync("/api/v1/auth/login", new { username, password })).ShouldHaveStatusAsync(HttpStatusCode.OK)).Str("accessToken");

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) => client.PostAsJsonAsync(path, body);

    public static string Str(this JsonNode node, string property) => node[property]!.GetValue<string>();

    public static long Number(this JsonNode node, string property) => node[property]!.GetValue<long>();
}

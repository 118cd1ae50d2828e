using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ChatClean.WebApi.IntegrationTests.Operations;

/// <summary>JSON answers are compressed (brotli preferred, gzip) and decode to the same JSON; the authentication endpoints never are (BREACH).</summary>
public sealed class CompressionTests(ChatCleanApiFactory api) : IClassFixture<ChatCleanApiFactory>
{
    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("gzip, deflate, br", "br")]
    public async Task A_compressed_json_answer_decodes_to_the_same_json(string accept, string expected)
    {
        using var customer = await api.RegisterCustomerAsync();
        var id = (await (await customer.Http.PostJsonAsync("/api/v1/conversations", new { })).ShouldHaveStatusAsync(HttpStatusCode.Created)).Str("id");
        for (var i = 0; i < 5; i++)
        {
            await (await customer.Http.PostJsonAsync($"/api/v1/conversations/{id}/messages", new { body = $"message {i}: " + new string('x', 200) }))
                .ShouldHaveStatusAsync(HttpStatusCode.Created);
        }

        var path = $"/api/v1/conversations/{id}/messages";
        var plain = await customer.Http.GetStringAsync(path);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", accept);
        using var response = await customer.Http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentEncoding.ShouldBe([expected]);
        response.Headers.Vary.ShouldContain("Accept-Encoding");
        var compressed = await response.Content.ReadAsByteArrayAsync();
        compressed.Length.ShouldBeLessThan(System.Text.Encoding.UTF8.GetByteCount(plain));
        var decoded = Decode(compressed, expected);
        JsonNode.DeepEquals(JsonNode.Parse(decoded), JsonNode.Parse(plain)).ShouldBeTrue();
    }

    [Fact]
    public async Task Problem_details_are_compressed_too()
    {
        using var anonymous = api.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/conversations");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        using var response = await anonymous.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentEncoding.ShouldBe(["gzip"]);
        JsonNode.Parse(Decode(await response.Content.ReadAsByteArrayAsync(), "gzip"))!.Str("code").ShouldBe("auth.unauthenticated");
    }

    [Fact]
    public async Task Answers_that_hold_tokens_are_never_compressed()
    {
        using var anonymous = api.Anonymous();
        var username = $"zip-{Guid.NewGuid():N}"[..20];
        (await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { username, password = "customer-password" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        using var login = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new { username, password = "customer-password" }) };
        login.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");
        using var response = await anonymous.SendAsync(login);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentEncoding.ShouldBeEmpty();
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.Str("accessToken").ShouldNotBeNullOrEmpty();
    }

    private static string Decode(byte[] body, string encoding)
    {
        using var input = new MemoryStream(body);
        using Stream decoder = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var reader = new StreamReader(decoder);
        return reader.ReadToEnd();
    }
}

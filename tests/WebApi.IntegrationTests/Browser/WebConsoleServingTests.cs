using System.Net;

namespace ChatClean.WebApi.IntegrationTests.Browser;

/// <summary>The console's pages and files as the service serves them: its own files only, framed only by the embedding origins.</summary>
public sealed class WebConsoleServingTests(WebConsoleServingTests.Api api) : IClassFixture<WebConsoleServingTests.Api>
{
    public sealed class Api : ChatCleanApiFactory
    {
        protected override bool UseSqlite => true;

        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => [new("Console:EmbedOrigins:0", "https://shop.example.com")];
    }

    [Fact]
    public async Task Pages_and_files_carry_a_strict_policy_and_only_the_widget_may_be_framed_by_the_listed_site()
    {
        using var http = api.Anonymous();
        var page = await http.GetAsync("/chat");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        policy.ShouldContain("default-src 'self'");
        policy.ShouldContain("script-src 'self'");
        policy.ShouldNotContain("unsafe-inline");
        policy.ShouldContain("frame-ancestors https://shop.example.com");
        page.Headers.Contains("X-Frame-Options").ShouldBeFalse("frame-ancestors decides");

        var script = await http.GetAsync("/assets/chat.js");
        script.StatusCode.ShouldBe(HttpStatusCode.OK);
        script.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        script.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("frame-ancestors 'none'");

        (await http.GetAsync("/chat/widget.js")).Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        var data = await http.GetAsync("/api/v1/auth/me");
        data.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        data.Headers.GetValues("Content-Security-Policy").Single().ShouldBe("default-src 'none'; frame-ancestors 'none'");
    }
}

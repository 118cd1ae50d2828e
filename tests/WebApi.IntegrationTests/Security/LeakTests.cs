using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatClean.TestSupport;
using ChatClean.WebApi.IntegrationTests.Realtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatClean.WebApi.IntegrationTests.Security;

/// <summary>Logs (at every level) never hold passwords, tokens, keys or personal fields; a 500 tells nothing about its cause.</summary>
public sealed class LeakTests(LeakTests.Api api) : IClassFixture<LeakTests.Api>
{
    public sealed class Api : ChatCleanApiFactory
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
            [new("Logging:LogLevel:Default", "Trace"), new("Logging:LogLevel:Microsoft", "Trace"), new("Logging:LogLevel:Microsoft.AspNetCore", "Trace")];

        protected override void ConfigureTestServices(IServiceCollection services)
        {
            services.AddLogging(logging => logging.AddProvider(new CapturingProvider(Lines)));
            services.AddSingleton<IStartupFilter, FailingEndpoint>();
        }
    }

    [Fact]
    public async Task Nothing_secret_reaches_the_logs_and_a_500_says_nothing()
    {
        using var anonymous = api.Anonymous();
        var username = $"leak-{Guid.NewGuid():N}"[..20];
        const string Password = "Pa55word-never-logged";
        const string Email = "leaky.person@example.org";
        const string Phone = "+44 7700 900123";
        await (await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { username, password = Password, email = Email, phone = Phone }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);
        await (await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { username, password = "a-wrong-password" })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        using var user = await api.LoginAsync(username, Password);
        var refreshed = await (await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await using (var ws = await WsClient.ConnectAsync(anonymous.BaseAddress!, user.AccessToken))
        {
            await ws.SendAsync(new { type = "ping" });
            await ws.ExpectTypeAsync("pong");
        }

        using var forged = api.WithToken(user.AccessToken[..^4] + "AAAA");
        (await forged.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        using var failed = await anonymous.GetAsync(FailingEndpoint.Path);
        failed.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        var problem = await failed.Content.ReadFromJsonAsync<JsonObject>();
        problem!.Str("code").ShouldBe("server.error");
        (await failed.Content.ReadAsStringAsync()).ShouldNotContain(FailingEndpoint.Secret);
        failed.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);

        var secrets = new[]
        {
            Password, "a-wrong-password", Email, Phone, user.AccessToken, user.RefreshToken, refreshed.Str("accessToken"), refreshed.Str("refreshToken"),
            ChatCleanApiFactory.SigningKey, TestSecrets.EncryptionKey, TestSecrets.LookupKey,
        };
        var lines = api.Lines.ToArray();
        lines.Length.ShouldBeGreaterThan(50, "the test must see real logging");
        foreach (var secret in secrets)
        {
            lines.ShouldNotContain(l => l.Contains(secret, StringComparison.Ordinal), $"a log line holds a secret: {secret[..Math.Min(12, secret.Length)]}…");
        }
    }

    /// <summary>
    /// An endpoint that fails with an internal detail in its message. The operators' log keeps the exception (that is
    /// what it is for); the client gets none of it.
    /// </summary>
    private sealed class FailingEndpoint : IStartupFilter
    {
        public const string Path = "/test/fails";
        public const string Secret = "internal-detail-db01.example:3306";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.UseRouting();
            app.UseEndpoints(e => e.MapGet(Path, (HttpContext _) => throw new InvalidOperationException($"Could not connect with {Secret}")));
        };
    }

    private sealed class CapturingProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Capturing(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}

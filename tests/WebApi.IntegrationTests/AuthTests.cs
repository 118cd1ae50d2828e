using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatClean.WebApi.IntegrationTests;

public sealed class AuthTests(ChatCleanApiFactory api) : IClassFixture<ChatCleanApiFactory>
{
    [Fact]
    public async Task A_customer_registers_logs_in_and_reads_their_profile()
    {
        using var anonymous = api.Anonymous();
        var registered = await (await anonymous.PostJsonAsync("/api/v1/auth/register", new { username = "Alice.Smith", password = "alice-password", displayName = "Alice" }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);
        registered.Str("username").ShouldBe("alice.smith");
        registered.Str("role").ShouldBe("customer");
        registered["passwordHash"].ShouldBeNull();

        var login = await (await anonymous.PostJsonAsync("/api/v1/auth/login", new { username = "ALICE.smith", password = "alice-password" }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        login.Str("tokenType").ShouldBe("Bearer");
        login.Str("refreshToken").ShouldNotBeNullOrEmpty();

        using var client = api.WithToken(login.Str("accessToken"));
        var me = await (await client.GetAsync("/api/v1/auth/me")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        me.Str("id").ShouldBe(registered.Str("id"));
        me.Str("displayName").ShouldBe("Alice");
    }

    [Fact]
    public async Task Registration_always_makes_a_customer_even_when_asked_for_more()
    {
        using var anonymous = api.Anonymous();

        var registered = await (await anonymous.PostJsonAsync("/api/v1/auth/register", new { username = "sneaky", password = "sneaky-password", role = "admin" }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);

        registered.Str("role").ShouldBe("customer");
    }

    [Fact]
    public async Task A_taken_username_is_a_conflict()
    {
        using var anonymous = api.Anonymous();
        await (await anonymous.PostJsonAsync("/api/v1/auth/register", new { username = "bob", password = "bob-password" })).ShouldHaveStatusAsync(HttpStatusCode.Created);

        await (await anonymous.PostJsonAsync("/api/v1/auth/register", new { username = "BOB", password = "other-password" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "user.username_taken");
    }

    [Fact]
    public async Task Invalid_registrations_list_every_bad_field()
    {
        using var anonymous = api.Anonymous();

        var problem = await (await anonymous.PostJsonAsync("/api/v1/auth/register", new { username = "a b", password = "short" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");

        problem["errors"]!["username"].ShouldNotBeNull();
        problem["errors"]!["password"].ShouldNotBeNull();
    }

    [Fact]
    public async Task A_wrong_password_or_unknown_user_gets_the_same_401()
    {
        using var anonymous = api.Anonymous();
        await (await anonymous.PostJsonAsync("/api/v1/auth/register", new { username = "carol", password = "carol-password" })).ShouldHaveStatusAsync(HttpStatusCode.Created);

        await (await anonymous.PostJsonAsync("/api/v1/auth/login", new { username = "carol", password = "wrong-password" }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        await (await anonymous.PostJsonAsync("/api/v1/auth/login", new { username = "nobody-here", password = "wrong-password" }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
    }

    [Fact]
    public async Task A_refresh_token_rotates_and_a_reused_one_revokes_the_whole_session()
    {
        using var user = await api.RegisterCustomerAsync();
        using var anonymous = api.Anonymous();

        var refreshed = await (await anonymous.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var next = refreshed.Str("refreshToken");
        next.ShouldNotBe(user.RefreshToken);
        using (var client = api.WithToken(refreshed.Str("accessToken")))
        {
            await (await client.GetAsync("/api/v1/auth/me")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        }

        await (await anonymous.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.refresh_token_reused");
        await (await anonymous.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = next }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.refresh_token_invalid");
    }

    [Fact]
    public async Task Logout_revokes_the_refresh_token()
    {
        using var user = await api.RegisterCustomerAsync();
        using var anonymous = api.Anonymous();

        (await anonymous.PostJsonAsync("/api/v1/auth/logout", new { refreshToken = user.RefreshToken })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await anonymous.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.refresh_token_invalid");
    }

    [Fact]
    public async Task Only_admins_create_staff_accounts()
    {
        using var admin = await api.AdminAsync();
        using var customer = await api.RegisterCustomerAsync();

        var agent = await (await admin.Http.PostJsonAsync("/api/v1/admin/users", new { username = "agent-smith", password = "agent-password", displayName = "Smith", role = "agent" }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);
        agent.Str("role").ShouldBe("agent");
        (await api.LoginAsync("agent-smith", "agent-password")).Dispose();

        await (await admin.Http.PostJsonAsync("/api/v1/admin/users", new { username = "x-user", password = "x-password", role = "superuser" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        await (await customer.Http.PostJsonAsync("/api/v1/admin/users", new { username = "evil", password = "evil-password", role = "admin" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await api.Anonymous().PostJsonAsync("/api/v1/admin/users", new { username = "evil", password = "evil-password", role = "admin" }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Fact]
    public async Task The_first_admin_comes_from_the_bootstrap_configuration()
    {
        using var admin = await api.AdminAsync();

        var me = (await admin.Http.GetFromJsonAsync<JsonObject>("/api/v1/auth/me"))!;

        me.Str("role").ShouldBe("admin");
        me.Str("username").ShouldBe(ChatCleanApiFactory.AdminUsername);
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiIwMTk2YTAwMC0wMDAwLTcwMDAtODAwMC0wMDAwMDAwMDAwZjEiLCJyb2xlIjoiYWRtaW4ifQ.")]
    public async Task Garbage_and_unsigned_tokens_are_refused(string token)
    {
        using var client = api.WithToken(token);

        await (await client.GetAsync("/api/v1/auth/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Fact]
    public async Task An_expired_token_is_refused_as_expired()
    {
        using var user = await api.RegisterCustomerAsync();
        var expired = Forge(user.Id, "customer", ChatCleanApiFactory.SigningKey, "chatclean", DateTime.UtcNow.AddHours(-2), DateTime.UtcNow.AddHours(-1));
        using var client = api.WithToken(expired);

        await (await client.GetAsync("/api/v1/auth/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.token_expired");
    }

    [Fact]
    public async Task Tokens_signed_with_another_key_or_for_another_audience_are_refused()
    {
        using var user = await api.RegisterCustomerAsync();
        var now = DateTime.UtcNow;
        var wrongKey = Forge(user.Id, "admin", "another-key-another-key-another-key-another-key", "chatclean", now, now.AddMinutes(5));
        var wrongAudience = Forge(user.Id, "customer", ChatCleanApiFactory.SigningKey, "someone-else", now, now.AddMinutes(5));

        using var first = api.WithToken(wrongKey);
        await (await first.GetAsync("/api/v1/auth/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        using var second = api.WithToken(wrongAudience);
        await (await second.GetAsync("/api/v1/auth/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    private static string Forge(Guid userId, string role, string key, string audience, DateTime notBefore, DateTime expires) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "chatclean",
            Audience = audience,
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            Subject = new ClaimsIdentity([new Claim("sub", userId.ToString()), new Claim("role", role)]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
}

using Hangfire;
using Hangfire.Dashboard;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatClean.WebApi.Infrastructure;

/// <summary>
/// The Hangfire dashboard at <c>/admin/jobs</c>, for callers with the <c>operations.manage</c> permission (admins). A browser opens it once with
/// <c>?access_token=</c>; the token is then kept in an HttpOnly, SameSite=Strict cookie scoped to the dashboard's
/// path, so its pages and scripts load without it and no other site can use it to post on the admin's behalf.
/// </summary>
public static class JobsDashboard
{
    public const string Path = "/admin/jobs";
    public const string TokenCookie = "chatclean_jobs";

    public static IServiceCollection AddJobsDashboard(this IServiceCollection services)
    {
        services.TryAddSingleton(_ => DashboardRoutes.Routes);
        return services;
    }

    public static IEndpointConventionBuilder MapJobsDashboard(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHangfireDashboard(Path, new DashboardOptions
        {
            DashboardTitle = "ChatClean jobs",
            AppPath = null,
            DisplayStorageConnectionString = false,
            Authorization = [],
            AsyncAuthorization = [new AdminsOnly()],
            IgnoreAntiforgeryToken = true,
        }).RequireAuthorization();

    /// <summary>The token of a dashboard request: the query on the first visit, then the cookie.</summary>
    public static string? TokenOf(HttpRequest request) =>
        request.Query["access_token"] is [{ Length: > 0 } query] ? query
        : request.Cookies.TryGetValue(TokenCookie, out var cookie) && cookie.Length > 0 ? cookie
        : null;

    private sealed class AdminsOnly : IDashboardAsyncAuthorizationFilter
    {
        public Task<bool> AuthorizeAsync(DashboardContext context)
        {
            var http = context.GetHttpContext();
            if (!http.User.ToCaller().Has(Permissions.OperationsManage))
            {
                return Task.FromResult(false);
            }

            if (http.Request.Query["access_token"] is [{ Length: > 0 } token])
            {
                http.Response.Cookies.Append(TokenCookie, token, new CookieOptions
                {
                    HttpOnly = true,
                    SameSite = SameSiteMode.Strict,
                    Secure = http.Request.IsHttps,
                    Path = Path,
                });
            }

            return Task.FromResult(true);
        }
    }
}

using ChatClean.Application.Abstractions.Hosting;
using Microsoft.AspNetCore.HttpOverrides;

namespace ChatClean.WebApi.Infrastructure;

/// <summary>The <c>Security</c> configuration section: browsers' access, transport.</summary>
public sealed class WebSecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>
    /// Origins (scheme://host[:port]) whose pages may call the API from a browser (CORS) and open WebSockets. Empty,
    /// the default: no cross-origin browser access at all; same-origin pages and non-browser clients are unaffected.
    /// </summary>
    [Origin]
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Redirect plain HTTP to HTTPS and send HSTS (turn on where the service itself terminates TLS).</summary>
    public bool HttpsRedirection { get; set; }

    [Between(1, 65535)]
    public int? HttpsPort { get; set; }

    /// <summary>
    /// Addresses of the load balancers or proxies in front of the service. Their <c>X-Forwarded-For/Proto/Host</c>
    /// headers are then believed, so per-address rate limits, the origin check and secure cookies see the client's
    /// address and scheme, not the proxy's. Empty: the headers are ignored (nobody can fake an address).
    /// </summary>
    [IpAddress]
    public string[] TrustedProxies { get; set; } = [];
}

/// <summary>CORS from the allow-list, HTTPS redirection and HSTS when asked for, and security headers on every answer.</summary>
public static class WebSecurity
{
    public static IServiceCollection AddWebSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetValidated<WebSecurityOptions>(WebSecurityOptions.SectionName);
        services.AddSingleton(options);
        services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in options.TrustedProxies)
            {
                forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
        services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins(options.AllowedOrigins)
            .WithMethods("GET", "POST", "PUT", "DELETE")
            .WithHeaders("Authorization", "Content-Type")
            .WithExposedHeaders("Retry-After")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        if (options.HttpsRedirection)
        {
            services.AddHttpsRedirection(o => o.HttpsPort = options.HttpsPort);
            services.AddHsts(o =>
            {
                o.MaxAge = TimeSpan.FromDays(365);
                o.IncludeSubDomains = true;
            });
        }

        return services;
    }

    public static WebApplication UseWebSecurity(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<WebSecurityOptions>();
        var consoleOptions = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Web.WebConsoleOptions>>().Value;
        if (options.TrustedProxies.Length > 0)
        {
            app.UseForwardedHeaders();
        }

        if (options.HttpsRedirection)
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.Use((http, next) =>
        {
            // Set as the answer starts, so that an answer rewritten by the exception handler carries them too.
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                if (Web.WebConsole.IsConsolePath(http.Request.Path))
                {
                    // The console's pages: their own policy, which also says who may frame the widget.
                    headers.ContentSecurityPolicy = Web.WebConsole.ContentSecurityPolicy(http, consoleOptions);
                }
                else if (!http.Request.Path.StartsWithSegments(JobsDashboard.Path))
                {
                    headers.XFrameOptions = "DENY";
                    // The API serves data, never pages: nothing may run or be framed (the Hangfire dashboard is a page).
                    headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
                }
                else
                {
                    headers.XFrameOptions = "DENY";
                }

                if (http.Request.Path.StartsWithSegments("/api"))
                {
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            return next(http);
        });
        app.UseCors();
        return app;
    }

    /// <summary>Whether a browser page of <paramref name="origin"/> may open a WebSocket: its own origin, or one on the allow-list.</summary>
    public static bool OriginAllowed(HttpContext http, string? origin)
    {
        if (string.IsNullOrEmpty(origin))
        {
            return true;
        }

        var own = $"{http.Request.Scheme}://{http.Request.Host}";
        var allowed = http.RequestServices.GetRequiredService<WebSecurityOptions>().AllowedOrigins;
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase) || allowed.Contains(origin, StringComparer.OrdinalIgnoreCase);
    }
}

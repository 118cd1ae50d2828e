using Microsoft.Extensions.FileProviders;

using Microsoft.Extensions.Options;

namespace ChatClean.WebApi.Web;

/// <summary>The <c>Console</c> configuration section: where the built web console is, and who may frame the widget.</summary>
public sealed class WebConsoleOptions
{
    public const string SectionName = "Console";

    /// <summary>The folder of the built console (<c>web/dist</c>); empty: looked for above the content root, as in a checkout.</summary>
    public string? Root { get; set; }

    /// <summary>Origins (scheme://host[:port]) whose pages may embed the customer widget (<c>/chat/widget.js</c>); empty: none.</summary>
    [Origin]
    public string[] EmbedOrigins { get; set; } = [];
}

/// <summary>
/// Serves the web console (web/, ADR 20): <c>/chat</c> (the customer widget), <c>/agent</c> and <c>/admin</c>, their
/// files under <c>/assets</c>, and <c>/chat/widget.js</c>, the one script tag another site adds. The pages use the
/// public API only; their content security policy lets them load nothing but the service's own files.
/// </summary>
public static partial class WebConsole
{
    public static readonly string[] Pages = ["/chat", "/agent", "/admin"];

    /// <summary>The pages themselves (not what lies under them: <c>/admin/jobs</c> is the Hangfire dashboard), their files and the widget loader.</summary>
    public static bool IsConsolePath(PathString path) =>
        path.StartsWithSegments("/assets") || path.Equals("/chat/widget.js", StringComparison.OrdinalIgnoreCase) ||
        Pages.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase) || path.Equals(p + "/", StringComparison.OrdinalIgnoreCase));

    /// <summary>The policy of a console page: own files only, the API and WebSocket of its own origin, framed only by the embedding origins.</summary>
    public static string ContentSecurityPolicy(HttpContext http, WebConsoleOptions options)
    {
        var host = http.Request.Host.Value;
        var framing = http.Request.Path.StartsWithSegments("/chat") && options.EmbedOrigins.Length > 0 ? string.Join(' ', options.EmbedOrigins) : "'none'";
        return $"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ws://{host} wss://{host}; " +
            $"base-uri 'none'; form-action 'self'; object-src 'none'; frame-ancestors {framing}";
    }

    public static WebApplication MapWebConsole(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<WebConsoleOptions>>().Value;
        var root = Locate(options, app.Environment.ContentRootPath);
        if (root is null)
        {
            NotBuilt(app.Logger);
            foreach (var page in Pages)
            {
                app.MapGet(page, () => Results.Problem(
                    statusCode: StatusCodes.Status404NotFound, title: "Not built", detail: "The web console is not built: run `npm ci && npm run build` in web/.",
                    extensions: new Dictionary<string, object?> { ["code"] = "console.not_built" })).ExcludeFromDescription();
            }

            return app;
        }

        var files = new PhysicalFileProvider(root);
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(Path.Combine(root, "assets")), RequestPath = "/assets" });
        foreach (var page in Pages)
        {
            var file = files.GetFileInfo(page.TrimStart('/') + ".html");
            if (file.Exists)
            {
                app.MapGet(page, () => Results.Stream(file.CreateReadStream(), "text/html; charset=utf-8")).ExcludeFromDescription();
            }
        }

        var widget = files.GetFileInfo("assets/widget.js");
        app.MapGet("/chat/widget.js", () => Results.Stream(widget.CreateReadStream(), "text/javascript; charset=utf-8")).ExcludeFromDescription();
        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The web console is not built (no web/dist): /chat, /agent and /admin answer 404 console.not_built. Build it with `npm ci && npm run build` in web/ (Node.js 20+).")]
    private static partial void NotBuilt(ILogger logger);

    private static string? Locate(WebConsoleOptions options, string contentRoot)
    {
        if (!string.IsNullOrEmpty(options.Root))
        {
            return File.Exists(Path.Combine(options.Root, "chat.html")) ? Path.GetFullPath(options.Root) : null;
        }

        for (var folder = new DirectoryInfo(contentRoot); folder is not null; folder = folder.Parent)
        {
            var dist = Path.Combine(folder.FullName, "web", "dist");
            if (File.Exists(Path.Combine(dist, "chat.html")))
            {
                return dist;
            }
        }

        return null;
    }
}

using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace ChatClean.WebApi.Infrastructure.Observability;

/// <summary>
/// Brotli (preferred) and gzip for JSON, problem details and the console's text files, over HTTPS too. Never for the
/// authentication endpoints: a response that holds a token and reflects attacker-chosen input must not be
/// compressed (BREACH). WebSockets are left alone (their frames are small and go through their own path).
/// </summary>
public static class ResponseCompressionSetup
{
    private static readonly string[] MimeTypes =
        ["application/json", "application/problem+json", "text/html", "text/css", "text/javascript", "application/javascript", "image/svg+xml", "text/plain"];

    public static IServiceCollection AddJsonCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = MimeTypes;
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    public static IApplicationBuilder UseJsonCompression(this IApplicationBuilder app) =>
        app.UseWhen(context => !IsExcluded(context.Request.Path), branch => branch.UseResponseCompression());

    private static bool IsExcluded(PathString path) => path.StartsWithSegments("/api/v1/auth") || path.StartsWithSegments("/ws") || path.StartsWithSegments("/metrics");
}

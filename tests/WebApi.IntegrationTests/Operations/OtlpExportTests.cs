using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using ChatClean.TestSupport;

namespace ChatClean.WebApi.IntegrationTests.Operations;

/// <summary>
/// With an OTLP endpoint configured (here the standard variables, http/protobuf, pointing at a local listener standing
/// in for a collector), a service process exports its spans (the request's, in the caller's trace, and EF Core's) and its metrics.
/// </summary>
public sealed class OtlpExportTests : IDisposable
{
    private readonly string _data = TestSecrets.NewDataDirectory();
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _exports = new();
    private readonly HttpListener _collector = new();
    private ServiceProcess? _node;

    public void Dispose()
    {
        _node?.Dispose();
        _collector.Close();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public async Task Spans_and_metrics_reach_the_configured_collector()
    {
        var port = Ports.Free();
        _collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        _collector.Start();
        _ = Task.Run(CollectAsync);

        var settings = TestSecrets.ServiceSettings(_data);
        settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{port}";
        settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        settings["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        settings["OTEL_METRIC_EXPORT_INTERVAL"] = "500";
        (_node, var address) = await ServiceProcess.StartReadyAsync(typeof(Program).Assembly.Location, settings);

        var traceId = ActivityTraceId.CreateRandom();
        using var client = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator() }) { BaseAddress = address };
        using var login = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new { username = TestSecrets.AdminUsername, password = TestSecrets.AdminPassword }) };
        login.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        (await client.SendAsync(login)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var rawTraceId = Convert.FromHexString(traceId.ToHexString());
        await Eventually.ReturnsAsync(
            () => Task.FromResult(_exports.ToArray()),
            exports => exports.Any(e => e.Path == "/v1/traces" && Contains(e.Body, rawTraceId)) &&
                       exports.Any(e => e.Path == "/v1/traces" && Contains(e.Body, "db.system")) &&
                       exports.Any(e => e.Path == "/v1/metrics" && Contains(e.Body, "chatclean.event_store.head_position")),
            TimeSpan.FromSeconds(30),
            "the request's span (in the caller's trace), a database span and the service's metrics at the collector");
        _exports.Where(e => e.Path == "/v1/traces").ShouldAllBe(e => Contains(e.Body, "chatclean"), "every export names the service");
        _exports.Where(e => e.Path == "/v1/traces").ShouldNotContain(e => Contains(e.Body, "/health/ready"), "probes are not traced");
    }

    private async Task CollectAsync()
    {
        while (_collector.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _collector.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            _exports.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    private static bool Contains(byte[] body, string text) => Contains(body, Encoding.UTF8.GetBytes(text));

    private static bool Contains(byte[] body, byte[] part) => body.AsSpan().IndexOf(part) >= 0;
}

using System.Collections.Concurrent;
using System.Net;
using ChatClean.TestSupport;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatClean.WebApi.IntegrationTests.Webhooks;

/// <summary>
/// A webhook receiver on a local <see cref="HttpListener"/>: it checks every request's signature and timestamp as
/// docs/webhooks.md tells receivers to, and answers as <see cref="Answer"/> says for the n-th request (1-based): a
/// status, or a hang longer than the sender's timeout (then 200, which the sender no longer hears).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const string Secret = "receiver-secret-0123456789abcdef";

    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private int _requests;

    public WebhookReceiver()
    {
        Url = $"http://127.0.0.1:{Ports.Free()}/hooks/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(ListenAsync);
    }

    public string Url { get; }

    /// <summary>The answer to the n-th request: an HTTP status, or null for a hang of <see cref="Hang"/> before a 200.</summary>
    public Func<int, int?> Answer { get; set; } = _ => 200;

    public TimeSpan Hang { get; set; } = TimeSpan.FromSeconds(3);

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>The delivery ids answered 2xx (not after a hang), in the order they were answered.</summary>
    public IReadOnlyList<Guid> Successes => Requests.Where(r => r.Succeeded).Select(r => r.Id).ToArray();

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task ListenAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context, Interlocked.Increment(ref _requests)));
        }
    }

    private async Task HandleAsync(HttpListenerContext context, int number)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var id = context.Request.Headers["ChatClean-Webhook-Id"];
        var timestamp = context.Request.Headers["ChatClean-Webhook-Timestamp"];
        var signature = context.Request.Headers["ChatClean-Webhook-Signature"];
        var json = JsonNode.Parse(body)!;
        var valid = Verify(body, timestamp, signature) && json["id"]?.GetValue<string>() == id;
        var answer = valid ? Answer(number) : 400;

        // Recorded before the answer goes out, so a test that sees the sender's success also sees the request here.
        Requests.Enqueue(new Received(
            Guid.Parse(id!), json["type"]!.GetValue<string>(), Guid.Parse(json["conversationId"]!.GetValue<string>()), json, valid,
            answer is >= 200 and < 300, DateTimeOffset.UtcNow));
        if (answer is null)
        {
            await Task.Delay(Hang);
        }
        try
        {
            context.Response.StatusCode = answer ?? 200;
            context.Response.Close();
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // The sender gave up (the hang); it counts the attempt as failed.
        }
    }

    /// <summary>As a receiver should: the timestamp within 5 minutes, the HMAC over "{timestamp}.{body}" compared in constant time.</summary>
    private static bool Verify(string body, string? timestamp, string? signature)
    {
        if (!long.TryParse(timestamp, out var seconds) || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) > 300 || signature is null)
        {
            return false;
        }

        var expected = "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
    }

    public sealed record Received(Guid Id, string Type, Guid ConversationId, JsonNode Body, bool SignatureValid, bool Succeeded, DateTimeOffset At);
}

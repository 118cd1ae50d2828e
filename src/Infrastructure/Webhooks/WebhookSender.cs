using System.Diagnostics;
using System.Net;
using System.Text;

namespace ChatClean.Infrastructure.Webhooks;

/// <summary>What one attempt came to: delivered (2xx), retry (timeout, no answer, 429, 5xx) or failed (any other answer).</summary>
public sealed record WebhookAttemptResult(string Outcome, int? StatusCode, string? Error, long DurationMs)
{
    public const string Delivered = "delivered";
    public const string Retry = "retry";
    public const string Failed = "failed";
}

/// <summary>POSTs a delivery's body, signed (docs/webhooks.md): <c>ChatClean-Webhook-Id</c>, <c>-Timestamp</c>, <c>-Signature</c>.</summary>
public sealed class WebhookSender(IHttpClientFactory clients, IOptions<WebhookOptions> options, TimeProvider clock)
{
    public const string ClientName = "webhooks";

    public async Task<WebhookAttemptResult> SendAsync(string url, string secret, Guid deliveryId, string body, CancellationToken cancellationToken)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("ChatClean-Webhook-Id", deliveryId.ToString());
        request.Headers.Add("ChatClean-Webhook-Timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("ChatClean-Webhook-Signature", WebhookDeliveryId.Signature(secret, timestamp, body));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            var outcome = status switch
            {
                >= 200 and < 300 => WebhookAttemptResult.Delivered,
                (int)HttpStatusCode.TooManyRequests or >= 500 => WebhookAttemptResult.Retry,
                _ => WebhookAttemptResult.Failed,
            };
            return new(outcome, status, outcome == WebhookAttemptResult.Delivered ? null : $"HTTP {status}", Elapsed(started));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(WebhookAttemptResult.Retry, null, $"timed out after {options.Value.Timeout}", Elapsed(started));
        }
        catch (HttpRequestException exception)
        {
            return new(WebhookAttemptResult.Retry, null, Truncate(exception.Message), Elapsed(started));
        }
    }

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    private static string Truncate(string text) => text.Length <= 1000 ? text : text[..1000];
}

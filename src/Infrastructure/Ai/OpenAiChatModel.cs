using System.ClientModel;
using System.ClientModel.Primitives;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ChatClean.Application.Abstractions.Ai;
using ChatClean.Application.Ai;
using Microsoft.Extensions.AI;
using OpenAI;

namespace ChatClean.Infrastructure.Ai;

/// <summary>
/// Any OpenAI-compatible chat endpoint (OpenAI, DashScope compatible mode, vLLM, Ollama) through
/// Microsoft.Extensions.AI's <see cref="IChatClient"/>, streamed. Resilience is ours, not the SDK's (its retries are
/// off): a call that fails before its first token (HTTP error, connection error, no first token within
/// <c>FirstTokenTimeout</c>) is retried with backoff; a stream that stalls, breaks or ends without a finish reason
/// fails; consecutive failed calls open a circuit breaker so that calls fail at once while the model is down. Every
/// failure surfaces as <see cref="AiUnavailableException"/>, and the caller falls back.
/// </summary>
public sealed class OpenAiChatModel : IAiModel
{
    public const string HandoffTool = "request_human";

    private static readonly AITool RequestHuman = AIFunctionFactory.CreateDeclaration(
        HandoffTool,
        "Hand the conversation to a human agent, when you cannot help or the customer wants a person.",
        JsonDocument.Parse("""{"type":"object","properties":{"reason":{"type":"string"}}}""").RootElement);

    private readonly IChatClient _client;
    private readonly OpenAiOptions _options;
    private readonly CircuitBreaker _breaker;
    private readonly TimeProvider _clock;

    public OpenAiChatModel(IOptions<AiOptions> options, IHttpClientFactory httpClients, TimeProvider clock)
    {
        _options = options.Value.OpenAI;
        _clock = clock;
        _breaker = new CircuitBreaker(_options.FailuresBeforeBreak, _options.BreakDuration, clock);
        CircuitStateGauge.Track(_breaker);
        var endpoint = _options.BaseUrl ?? throw new InvalidOperationException("Ai:Provider is OpenAI but Ai:OpenAI:BaseUrl is not set.");
        var model = _options.Model ?? throw new InvalidOperationException("Ai:Provider is OpenAI but Ai:OpenAI:Model is not set.");
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = new Uri(endpoint),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = System.Threading.Timeout.InfiniteTimeSpan,
            Transport = new HttpClientPipelineTransport(httpClients.CreateClient(nameof(OpenAiChatModel))),
        };

        // Local servers (Ollama, vLLM) take any key; the SDK insists on one.
        var key = string.IsNullOrEmpty(_options.ApiKey) ? "none" : _options.ApiKey;
        _client = new OpenAIClient(new ApiKeyCredential(key), clientOptions).GetChatClient(model).AsIChatClient();
    }

    public CircuitBreaker Breaker => _breaker;

    public async IAsyncEnumerable<AiUpdate> StreamAsync(AiPrompt prompt, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var messages = new List<ChatMessage> { new(ChatRole.System, prompt.System) };
        messages.AddRange(prompt.Turns.Select(t => new ChatMessage(t.Role == AiRole.Customer ? ChatRole.User : ChatRole.Assistant, t.Text)));
        var chatOptions = new ChatOptions { Tools = [RequestHuman] };
        var deadline = _clock.GetUtcNow() + _options.Timeout;

        if (!_breaker.TryEnter())
        {
            throw new AiUnavailableException("circuit_open");
        }

        // The breaker counts calls, not attempts: one verdict per call, whatever happens to it.
        var verdict = false;
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                using var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                call.CancelAfter(Min(_options.FirstTokenTimeout, deadline - _clock.GetUtcNow()));
                var stream = _client.GetStreamingResponseAsync(messages, chatOptions, call.Token).GetAsyncEnumerator(call.Token);
                var produced = false;
                var finished = false;
                string? failure = null;
                Exception? error = null;
                try
                {
                    while (true)
                    {
                        ChatResponseUpdate update;
                        try
                        {
                            if (!await stream.MoveNextAsync())
                            {
                                break;
                            }

                            update = stream.Current;
                        }
                        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && IsModelFailure(exception))
                        {
                            (failure, error) = (call.IsCancellationRequested ? (produced ? "stalled" : "no_first_token") : Describe(exception), exception);
                            break;
                        }

                        finished |= update.FinishReason is not null;
                        foreach (var content in update.Contents)
                        {
                            switch (content)
                            {
                                case TextContent { Text.Length: > 0 } text:
                                    produced = true;
                                    yield return new AiText(text.Text);
                                    break;
                                case FunctionCallContent { Name: HandoffTool }:
                                    produced = true;
                                    yield return new AiHandoff();
                                    break;
                                case UsageContent usage:
                                    yield return new AiUsage(usage.Details.InputTokenCount ?? 0, usage.Details.OutputTokenCount ?? 0);
                                    break;
                            }
                        }

                        // From the first token on, the same timer measures the gap to the next one, within the deadline.
                        call.CancelAfter(Min(_options.FirstTokenTimeout, deadline - _clock.GetUtcNow()));
                    }
                }
                finally
                {
                    await stream.DisposeAsync();
                }

                if (failure is null && !finished)
                {
                    // The stream ended without a finish reason: the connection was cut or the server gave up.
                    failure = "stream_cut";
                }

                if (failure is null)
                {
                    _breaker.Success();
                    verdict = true;
                    yield break;
                }

                if (produced || attempt >= _options.MaxRetries || _clock.GetUtcNow() >= deadline)
                {
                    _breaker.Failure();
                    verdict = true;
                    throw new AiUnavailableException(failure, error);
                }

                await Task.Delay(_options.RetryDelay * (1 << attempt), _clock, cancellationToken);
            }
        }
        finally
        {
            if (!verdict)
            {
                _breaker.Abandon();
            }
        }
    }

    /// <summary>The shorter of two waits, at least a millisecond (a timer of zero or less would never fire).</summary>
    private static TimeSpan Min(TimeSpan a, TimeSpan b)
    {
        var shorter = a < b ? a : b;
        return shorter > TimeSpan.Zero ? shorter : TimeSpan.FromMilliseconds(1);
    }

    private static bool IsModelFailure(Exception exception) =>
        exception is ClientResultException or HttpRequestException or IOException or OperationCanceledException or JsonException;

    private static string Describe(Exception exception) => exception switch
    {
        ClientResultException { Status: > 0 } http => $"http_{http.Status}",
        HttpRequestException or IOException => "connection",
        JsonException => "bad_response",
        _ => "error",
    };
}

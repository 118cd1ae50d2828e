using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatClean.TestSupport;

/// <summary>
/// An OpenAI-compatible chat endpoint on 127.0.0.1 for tests: real HTTP, real server-sent events, replies scripted
/// per request (tokens with a delay between them, HTTP errors, a hang, a connection dropped mid-answer, a tool call).
/// It records every request body it receives.
/// </summary>
public sealed class FakeChatModel : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Script> _scripts = new();
    private readonly ConcurrentQueue<string> _requests = new();

    private FakeChatModel(WebApplication app) => _app = app;

    /// <summary>The base URL to configure as <c>Ai:OpenAI:BaseUrl</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>What the server answers when no script is queued.</summary>
    public Script Default { get; set; } = Script.Reply("Hello from the model.");

    public static async Task<FakeChatModel> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var model = new FakeChatModel(app);
        app.MapPost("/v1/chat/completions", model.AnswerAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        model.BaseUrl = new Uri(address.TrimEnd('/') + "/v1");
        return model;
    }

    public void Enqueue(params Script[] scripts)
    {
        foreach (var script in scripts)
        {
            _scripts.Enqueue(script);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        _requests.Enqueue(await reader.ReadToEndAsync(context.RequestAborted));
        var script = _scripts.TryDequeue(out var next) ? next : Default;
        if (script.HangFor is { } hang)
        {
            await Task.Delay(hang, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        if (script.Status is { } status)
        {
            context.Response.StatusCode = status;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "scripted failure", type = "server_error" } });
            return;
        }

        context.Response.ContentType = "text/event-stream";
        for (var i = 0; i < script.Tokens.Count; i++)
        {
            if (script.BreakAfter == i)
            {
                context.Abort();
                return;
            }

            await Data(context, new { id = "chatcmpl-fake", @object = "chat.completion.chunk", choices = new[] { new { index = 0, delta = new { content = script.Tokens[i] } } } });
            await Task.Delay(script.TokenDelay, context.RequestAborted);
        }

        if (script.BreakAfter is not null)
        {
            context.Abort();
            return;
        }

        if (script.ToolCall)
        {
            await Data(context, new
            {
                choices = new[]
                {
                    new { index = 0, delta = new { tool_calls = new[] { new { index = 0, id = "call_1", type = "function", function = new { name = "request_human", arguments = "{}" } } } } },
                },
            });
        }

        await Data(context, new { choices = new[] { new { index = 0, delta = new { }, finish_reason = script.ToolCall ? "tool_calls" : "stop" } } });
        await Data(context, new { choices = Array.Empty<object>(), usage = new { prompt_tokens = 42, completion_tokens = script.Tokens.Count, total_tokens = 42 + script.Tokens.Count } });
        await context.Response.WriteAsync("data: [DONE]\n\n");
    }

    private static async Task Data(HttpContext context, object chunk)
    {
        await context.Response.WriteAsync($"data: {JsonSerializer.Serialize(chunk)}\n\n");
        await context.Response.Body.FlushAsync();
    }

    /// <summary>One scripted answer.</summary>
    public sealed record Script(IReadOnlyList<string> Tokens, TimeSpan TokenDelay, int? Status = null, TimeSpan? HangFor = null, int? BreakAfter = null, bool ToolCall = false)
    {
        /// <summary>Streams <paramref name="text"/> word by word, <paramref name="delayMs"/> apart.</summary>
        public static Script Reply(string text, int delayMs = 10) =>
            new(text.Split(' ').Select((w, i) => i == 0 ? w : " " + w).ToArray(), TimeSpan.FromMilliseconds(delayMs));

        public static Script Error(int status) => new([], TimeSpan.Zero, Status: status);

        public static Script Hang(TimeSpan duration) => new([], TimeSpan.Zero, HangFor: duration);

        /// <summary>Streams the first <paramref name="tokens"/> words of <paramref name="text"/>, then drops the connection.</summary>
        public static Script Broken(string text, int tokens, int delayMs = 10) => Reply(text, delayMs) with { BreakAfter = tokens };

        public static Script CallsForHuman(string text = "") => (text.Length == 0 ? new Script([], TimeSpan.Zero) : Reply(text)) with { ToolCall = true };
    }
}

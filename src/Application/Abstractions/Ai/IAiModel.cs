namespace ChatClean.Application.Abstractions.Ai;

public enum AiRole
{
    Customer,
    Assistant,
}

public sealed record AiTurn(AiRole Role, string Text);

/// <summary>What a model is asked: the system prompt (instructions, retrieved passages, language) and the conversation so far.</summary>
public sealed record AiPrompt(string System, IReadOnlyList<AiTurn> Turns);

/// <summary>A piece of a streamed model answer.</summary>
public abstract record AiUpdate;

public sealed record AiText(string Text) : AiUpdate;

/// <summary>The model asks for a human (a tool call or the handoff marker).</summary>
public sealed record AiHandoff : AiUpdate;

public sealed record AiUsage(long InputTokens, long OutputTokens) : AiUpdate;

/// <summary>A remote chat model (any OpenAI-compatible endpoint). Throws <see cref="AiUnavailableException"/> when it cannot answer.</summary>
public interface IAiModel
{
    IAsyncEnumerable<AiUpdate> StreamAsync(AiPrompt prompt, CancellationToken cancellationToken);
}

/// <summary>The model failed: timed out, answered with errors after retries, dropped the stream, or its circuit is open.</summary>
public sealed class AiUnavailableException(string reason, Exception? inner = null) : Exception($"The AI model is unavailable: {reason}", inner)
{
    public string Reason { get; } = reason;
}
